/* Messages in the reader's language, through GNU gettext (glibc's
 * libintl): _() marks a message and looks it up in the "yoy" domain;
 * N_() marks one to be looked up later.  The catalogs are in po/; the CLI
 * chooses the language (yoy --lang, else the locale) and binds the
 * domain.  Without a catalog the English msgid is the message. */
#ifndef YOY_I18N_H
#define YOY_I18N_H

#include <libintl.h>

#define YOY_TEXT_DOMAIN "yoy"
#define _(s) dgettext(YOY_TEXT_DOMAIN, s)
#define N_(s) (s)

#endif
