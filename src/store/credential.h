/* Credentials for a remote from git's credential helpers (git credential
 * fill), so yoy uses what the user configured for git and stores none. */
#ifndef YOY_CREDENTIAL_H
#define YOY_CREDENTIAL_H

/* Ask `git credential fill` for url's username and password (user: the
 * one the URL names, or NULL).  On 0, *user and *password are heap
 * strings the caller frees (wipe the password first); -1 when git is
 * missing, no helper answered, or the user gave nothing. */
int yoy_credential_fill(const char *url, const char *user, char **out_user, char **password);

#endif
