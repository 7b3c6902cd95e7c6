/* Renderers: one file per output form (render_*.c), each turning a model
 * into text.  They return heap strings the caller frees with free(), or
 * NULL when out of memory; they never print. */
#ifndef YOY_RENDER_H
#define YOY_RENDER_H

#include "yoy/doc.h"

/* A readable summary of one disclosure: cover facts, tables with their
 * totals, counts of claims by kind, warnings. */
char *yoy_render_summary(const yoy_doc *doc);

#endif
