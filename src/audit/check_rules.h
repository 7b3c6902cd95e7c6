/* The check rules, one file each: the driver (check.c) runs them in this
 * order.  Each adds its findings through check_common.h. */
#ifndef YOY_CHECK_RULES_H
#define YOY_CHECK_RULES_H

#include "check_common.h"

/* table arithmetic and tables against each other (check_tables.c) */
void check_tables(checker *k);
/* the narrative against the tables; stated changes (check_claims.c) */
void check_claims(checker *k);
/* stated changes against last year's disclosure; unexplained changes
 * (check_years.c) */
void check_years(checker *k);

#endif
