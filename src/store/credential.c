/* Credentials through git's credential helpers: runs `git credential
 * fill` (git-credential(1)) with the URL on its standard input and reads
 * username= and password= back.  git asks the configured helpers (store,
 * cache, libsecret, ...) and, on a terminal, the user.  Calls util. */
#include "credential.h"

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/util.h"

extern char **environ;

/* The value of "key=" in the helper's answer, heap; NULL when absent. */
static char *answer(const char *text, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, k) == 0 && p[k] == '=')
			return strndup(p + k + 1, strcspn(p + k + 1, "\n"));
	return NULL;
}

int yoy_credential_fill(const char *url, const char *user, char **out_user, char **password)
{
	*out_user = *password = NULL;
	/* a URL with a newline would let it write other keys */
	if (strpbrk(url, "\n\r") || (user && strpbrk(user, "\n\r")))
		return -1;
	int in[2], out[2];
	if (pipe(in))
		return -1;
	if (pipe(out)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	char *argv[] = { "git", "credential", "fill", NULL };
	pid_t pid;
	int spawned = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	if (spawned) {
		close(in[1]);
		close(out[0]);
		return -1;
	}
	/* the request is a few hundred bytes: it fits the pipe */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	FILE *w = fdopen(in[1], "w");
	if (w) {
		fprintf(w, "url=%s\n", url);
		if (user)
			fprintf(w, "username=%s\n", user);
		fprintf(w, "\n");
		fclose(w);
	} else {
		close(in[1]);
	}
	sbuf reply;
	sbuf_init(&reply);
	char buf[512];
	ssize_t got;
	while ((got = read(out[0], buf, sizeof buf)) > 0)
		sbuf_put(&reply, buf, (size_t)got);
	close(out[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	signal(SIGPIPE, old);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !reply.oom && reply.len) {
		*out_user = answer(sbuf_cstr(&reply), "username");
		*password = answer(sbuf_cstr(&reply), "password");
	}
	if (reply.data)
		explicit_bzero(reply.data, reply.len);
	sbuf_free(&reply);
	if (!*out_user || !*password) {
		free(*out_user);
		if (*password)
			explicit_bzero(*password, strlen(*password));
		free(*password);
		*out_user = *password = NULL;
		return -1;
	}
	return 0;
}
