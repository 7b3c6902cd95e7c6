# yoy: see README.md.  `make` builds ./yoy and build/libyoy.a.
#
# Missing Debian packages are installed on first use (apt-get, as root or
# through sudo), so a fresh machine needs nothing but make and a compiler.

CC      ?= cc
PKGS     = libcjson libpcre2-8 nettle libutf8proc
# poppler is the PDF module's alone (yoy-pdf.so, loaded when a PDF is read),
# libgit2 and libdeflate the history module's (yoy-git.so, loaded when a
# history is opened)
PDF_PKGS = poppler-glib
GIT_PKGS = libgit2 libdeflate nettle
TESTPKGS = cmocka
DEBS     = pkg-config libgit2-dev libcjson-dev libpcre2-dev libpoppler-glib-dev libdeflate-dev nettle-dev libutf8proc-dev \
           libcmocka-dev poppler-utils git gettext help2man python3-jsonschema time openssl
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Flags are expanded when a recipe runs, i.e. after `deps` installed the
# packages, never at parse time.  CFLAGS, CPPFLAGS and LDFLAGS from the
# environment or the command line (a distribution's hardening flags) pass
# through; -Werror is the developer's and CI's (a git checkout), not a
# packager's: WERROR= turns it off.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
PDF_CFLAGS = $(shell pkg-config --cflags $(PDF_PKGS))
PDF_LIBS   = $(shell pkg-config --libs $(PDF_PKGS))
GIT_CFLAGS = $(shell pkg-config --cflags $(GIT_PKGS))
GIT_LIBS   = $(shell pkg-config --libs $(GIT_PKGS))
TEST_LIBS  = $(shell pkg-config --libs $(TESTPKGS))

WERROR  ?= $(if $(wildcard .git),-Werror)
WARN     = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CSTD     = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE
OPT     ?= -O2 -g
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -fPIC -Iinclude -Isrc $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS) \
	     $(EXTRA_CFLAGS)
LDFLAGS_ALL = -Wl,--as-needed $(LDFLAGS) $(EXTRA_LDFLAGS)
LIBS_ALL = $(PKG_LIBS) -lm -lpthread

# The shared library: libyoy.so.$(SOVERSION), only yoy_* exported
# (src/libyoy.map).  SOVERSION changes when the ABI does.
VERSION   = 0.1.0
SOVERSION = 0
CFLAGS_ALL += -DYOY_VERSION='"$(VERSION)"'

# Installation (make install / uninstall), GNU conventions.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
INSTALL_LOCALEDIR ?= $(DATADIR)/locale
DESTDIR    ?=

# Build variants live in their own directories: build/ and build/asan/.
B       ?= build
# src/ is split by layer (src/README.md); every folder but cli/ is the library.
# The modules' own files are not: pdf_poppler.c, and store.c, pack.c,
# changes.c and credential.c (yoy-git.so; the library reaches them through store_module.c).
GIT_MODULE_SRC = src/store/store.c src/store/pack.c src/store/changes.c src/store/credential.c
LIB_SRC  = $(filter-out src/cli/% src/read/pdf_poppler.c $(GIT_MODULE_SRC),$(wildcard src/*/*.c))
CLI_SRC  = $(wildcard src/cli/*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(B)/obj/%.o)
CLI_OBJ  = $(CLI_SRC:src/cli/%.c=$(B)/obj/cli/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
BENCH_SRC = $(wildcard tests/bench/bench_*.c)
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(B)/bench/%)
YOY_BIN ?= ./yoy

.PHONY: all lib man install uninstall install-test deb deb-test schemas readme coverage deps test layers po unit golden pdflines fuzz-replay durability remote asan bench demo browser browser-deps \
	fuzz fuzz-deps clean check-deps
all: yoy

# Debian packages are installed only by the targets that run things
# (test, demo, bench, asan, fuzz, browser, deps), never by a plain make or
# make install: a build machine's packages are its packager's business.
AUTO_DEPS_GOALS = deps test demo bench asan fuzz browser unit golden fuzz-replay durability \
	pdflines po install-test schemas readme coverage remote
DEPS_FIRST = $(if $(filter $(AUTO_DEPS_GOALS),$(MAKECMDGOALS)),deps)

deps:
	@if ! pkg-config --exists $(PKGS) $(PDF_PKGS) $(GIT_PKGS) $(TESTPKGS) 2>/dev/null || \
	    ! command -v pdftotext >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1 || \
	    ! command -v openssl >/dev/null 2>&1 || \
	    ! command -v msgfmt >/dev/null 2>&1 || ! command -v help2man >/dev/null 2>&1 || \
	    ! /usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1; then \
	  echo "yoy: installing missing Debian packages: $(DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBS) >/dev/null; \
	fi

Q = $(if $(V),,@)

$(B)/obj/%.o: src/%.c | $(DEPS_FIRST)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# Message catalogs (po/): compiled into $(B)/locale, where an in-tree yoy
# finds them ($YOY_LOCALEDIR overrides).
LANGS     = $(basename $(notdir $(wildcard po/*.po)))
MO_FILES  = $(LANGS:%=$(B)/locale/%/LC_MESSAGES/yoy.mo)
LOCALEDIR ?= $(abspath $(B))/locale
$(B)/obj/cli/main.o: CFLAGS_ALL += -DYOY_LOCALEDIR='"$(LOCALEDIR)"'

$(B)/locale/%/LC_MESSAGES/yoy.mo: po/%.po | $(DEPS_FIRST)
	@mkdir -p $(dir $@)
	$(Q)msgfmt --check -o $@ $<

$(B)/libyoy.a: $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(B)/yoy: $(CLI_OBJ) $(B)/libyoy.a | $(B)/yoy-pdf.so $(B)/yoy-git.so
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $(CLI_OBJ) $(B)/libyoy.a $(LIBS_ALL) -o $@

yoy: $(B)/yoy $(B)/yoy-pdf.so $(B)/yoy-git.so $(MO_FILES)
	@cp $(B)/yoy yoy
	@cp $(B)/yoy-pdf.so yoy-pdf.so
	@cp $(B)/yoy-git.so yoy-git.so

# The PDF module: poppler's characters and boxes (src/read/pdf_module.h),
# linked normally with poppler-glib and loaded by the first PDF read, so
# that no other command pays for loading poppler and GLib.  It carries its
# own copy of util.o; only its entry point is exported.
$(B)/obj/read/pdf_poppler.o: CFLAGS_ALL += $(PDF_CFLAGS)
# where util/module.c looks for the modules once installed: LIBDIR/yoy,
# and the same relative to the program (a package unpacked anywhere)
LIBDIR_REL = $(patsubst $(PREFIX)/%,%,$(LIBDIR))
$(B)/obj/util/module.o: CFLAGS_ALL += -DYOY_MODULE_DIR='"$(LIBDIR)/yoy"' \
	-DYOY_MODULE_REL='"../$(LIBDIR_REL)/yoy"'
$(B)/yoy-pdf.so: $(B)/obj/read/pdf_poppler.o $(B)/obj/util/util.o $(B)/obj/util/width.o \
		 src/read/pdf_module.map
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) -shared -Wl,--version-script=src/read/pdf_module.map -Wl,--no-undefined \
	  $(CFLAGS_ALL) $(LDFLAGS_ALL) $(filter %.o,$^) $(PDF_LIBS) $(PKG_LIBS) -lm -o $@

# The history module (src/store/git_module.h): libgit2 and libdeflate,
# loaded by the first command that opens a history, so that the others
# (parse above all) do not pay for loading libgit2's TLS, SSH and Kerberos
# libraries.  Its own copies of the util it calls; exports its entry
# point and store.c's two mbedTLS names.
$(GIT_MODULE_SRC:src/%.c=$(B)/obj/%.o): CFLAGS_ALL += $(GIT_CFLAGS)
$(B)/yoy-git.so: $(GIT_MODULE_SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/store/store_data.o \
		 $(B)/obj/util/util.o $(B)/obj/util/width.o $(B)/obj/util/digest.o \
		 $(B)/obj/util/error.o src/store/git_module.map
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) -shared -Wl,--version-script=src/store/git_module.map -Wl,--no-undefined \
	  $(CFLAGS_ALL) $(LDFLAGS_ALL) $(filter %.o,$^) $(GIT_LIBS) $(PKG_LIBS) -lpthread -ldl -o $@

$(B)/libyoy.so.$(SOVERSION): $(LIB_OBJ) src/libyoy.map
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) -shared -Wl,-soname,libyoy.so.$(SOVERSION) -Wl,--version-script=src/libyoy.map \
	  $(CFLAGS_ALL) $(LDFLAGS_ALL) $(LIB_OBJ) $(LIBS_ALL) -o $@

$(B)/yoy.pc: yoy.pc.in Makefile
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@REQUIRES@|$(PKGS)|' $< > $@

lib: $(B)/libyoy.a $(B)/libyoy.so.$(SOVERSION) $(B)/yoy.pc

# Man pages: generated from the program's own --help by help2man
# (doc/man.sh; doc/yoy.h2m adds environment, exit status and files).
MAN_CMDS = parse import log show diff check report trend mv reparse gc clone pull push remote
MANPAGES = $(B)/man/yoy.1 $(MAN_CMDS:%=$(B)/man/yoy-%.1)
man: $(MANPAGES)
$(MANPAGES) &: $(B)/yoy doc/man.sh doc/yoy.h2m
	$(Q)bash doc/man.sh $(B)/yoy $(B)/man

# The installed program finds its catalogs where they are installed.
$(B)/obj/cli/main-installed.o: src/cli/main.c | $(DEPS_FIRST)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -DYOY_LOCALEDIR='"$(INSTALL_LOCALEDIR)"' -c $< -o $@

$(B)/yoy-installed: $(filter-out $(B)/obj/cli/main.o,$(CLI_OBJ)) $(B)/obj/cli/main-installed.o \
		    $(B)/libyoy.a
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $(filter %.o,$^) $(B)/libyoy.a $(LIBS_ALL) -o $@

# make install [DESTDIR=…] [PREFIX=/usr/local]: the program, its catalogs,
# man pages and shell completion; the library, its headers and yoy.pc.
install: yoy lib $(B)/yoy-installed man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/yoy \
	  $(DESTDIR)$(LIBDIR)/yoy \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/bash-completion/completions \
	  $(DESTDIR)$(DATADIR)/zsh/site-functions $(DESTDIR)$(DATADIR)/yoy/schemas
	install -m 755 $(B)/yoy-installed $(DESTDIR)$(BINDIR)/yoy
	install -m 644 $(B)/yoy-pdf.so $(DESTDIR)$(LIBDIR)/yoy/yoy-pdf.so
	install -m 644 $(B)/yoy-git.so $(DESTDIR)$(LIBDIR)/yoy/yoy-git.so
	install -m 644 $(B)/libyoy.a $(DESTDIR)$(LIBDIR)/libyoy.a
	install -m 755 $(B)/libyoy.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libyoy.so.$(SOVERSION)
	ln -sf libyoy.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libyoy.so
	install -m 644 $(B)/yoy.pc $(DESTDIR)$(LIBDIR)/pkgconfig/yoy.pc
	install -m 644 include/yoy/*.h $(DESTDIR)$(INCLUDEDIR)/yoy/
	install -m 644 schemas/*.schema.json $(DESTDIR)$(DATADIR)/yoy/schemas/
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 completion/yoy.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/yoy
	install -m 644 completion/_yoy $(DESTDIR)$(DATADIR)/zsh/site-functions/_yoy
	for l in $(LANGS); do \
	  install -d $(DESTDIR)$(INSTALL_LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(B)/locale/$$l/LC_MESSAGES/yoy.mo $(DESTDIR)$(INSTALL_LOCALEDIR)/$$l/LC_MESSAGES/; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yoy $(DESTDIR)$(LIBDIR)/libyoy.a $(DESTDIR)$(LIBDIR)/libyoy.so \
	  $(DESTDIR)$(LIBDIR)/libyoy.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/pkgconfig/yoy.pc \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions/yoy $(DESTDIR)$(DATADIR)/zsh/site-functions/_yoy
	rm -rf $(DESTDIR)$(INCLUDEDIR)/yoy $(DESTDIR)$(DATADIR)/yoy $(DESTDIR)$(LIBDIR)/yoy
	for m in $(notdir $(MANPAGES)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done
	for l in $(LANGS); do rm -f $(DESTDIR)$(INSTALL_LOCALEDIR)/$$l/LC_MESSAGES/yoy.mo; done

# The Debian packages (debian/), built, checked by lintian, unpacked into
# a scratch root and run (tests/deb.sh; CI runs it).
DEB_DEBS = debhelper dpkg-dev lintian fakeroot
# make deb: the packages, in build/deb/ (make deb-test also checks them).
deb: deb-test

deb-test: deps
	@if ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v lintian >/dev/null 2>&1 || \
	    ! command -v dh >/dev/null 2>&1; then \
	  echo "yoy: installing missing Debian packages: $(DEB_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_DEBS) >/dev/null; \
	fi
	@bash tests/deb.sh

# The installed tree, built into a scratch root and used from there.
install-test: | $(DEPS_FIRST)
	@bash tests/install.sh

$(B)/tests/%: tests/unit/%.c tests/unit/testutil.h $(B)/libyoy.a | $(DEPS_FIRST) $(B)/yoy-git.so
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $< $(B)/libyoy.a $(LIBS_ALL) $(TEST_LIBS) -o $@

# test_pack and test_changes try pack.c and changes.c themselves, as the
# module holds them
$(B)/tests/test_pack $(B)/tests/test_changes: $(B)/tests/%: tests/unit/%.c tests/unit/testutil.h \
		      $(B)/libyoy.a $(GIT_MODULE_SRC:src/%.c=$(B)/obj/%.o) | $(DEPS_FIRST)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $< $(GIT_MODULE_SRC:src/%.c=$(B)/obj/%.o) \
	  $(B)/libyoy.a $(GIT_LIBS) $(LIBS_ALL) $(TEST_LIBS) -ldl -o $@

$(B)/bench/%: tests/bench/%.c tests/bench/benchutil.h $(B)/libyoy.a | $(DEPS_FIRST) $(B)/yoy-git.so
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $< $(B)/libyoy.a $(LIBS_ALL) -o $@

# make test: the layer rule over #includes, unit tests (cmocka) and golden
# tests over the real documents.
test: layers po unit golden schemas readme coverage pdflines fuzz-replay durability remote install-test

# Every message the sources mark has its Chinese: po/zh_CN.po against the
# strings xgettext finds now.
po: | $(DEPS_FIRST)
	@bash tests/po.sh

layers:
	@bash tests/layers.sh

# Objects and packs reach the disk before the branch moves
# (tests/durability/order.sh, through an LD_PRELOAD shim).
durability: $(B)/yoy
	@YOY=$(abspath $(B)/yoy) bash tests/durability/order.sh

# Sharing a history through real git servers: file://, git daemon, git
# http-backend (tests/remote/remote.sh).
remote: $(B)/yoy
	@YOY=$(abspath $(B)/yoy) bash tests/remote/remote.sh

# PDF locations can be found on the page (tests/pdf_lines.sh).
pdflines: $(B)/yoy
	@YOY=$(abspath $(B)/yoy) bash tests/pdf_lines.sh

# the benchmarks are built (not run) with the tests, so they cannot rot
unit: $(UNIT_BIN) $(BENCH_BIN) $(B)/yoy $(MO_FILES)
	@set -e; cd tests && for t in $(UNIT_BIN:%=../%); do \
	  echo "== $$(basename $$t)"; YOY=../$(B)/yoy $$t; done

golden: $(B)/yoy $(MO_FILES)
	@YOY=$(abspath $(B)/yoy) bash tests/golden.sh

# The README's table of what yoy reads of each bundled document.
coverage: yoy
	@YOY=$(abspath yoy) bash tests/coverage.sh --check

# make demo, then every ./yoy command the README shows (tests/readme.sh).
readme: yoy
	@YOY=$(abspath yoy) bash tests/readme.sh

# Every JSON output of the golden cases against its JSON Schema (schemas/),
# with Debian's python3-jsonschema.
schemas: | $(DEPS_FIRST)
	@/usr/bin/python3 tests/schemas.py

# Fuzzing (tests/fuzz/): libFuzzer harnesses for the text reader, the
# claims, the layout of positioned characters, stored JSON, aliases and
# the change cache of the history (yoy-changes).
# `make test` replays each harness's seeds and past crashes with any
# compiler; `make fuzz` runs each for FUZZ_SECONDS under clang.
FUZZ_HARNESSES = text claims layout json aliases changes
FUZZ_SECONDS  ?= 60
FUZZ_CC       ?= clang
REPLAY_BIN = $(FUZZ_HARNESSES:%=$(B)/fuzz-replay/fuzz_%)

$(B)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(B)/libyoy.a | $(DEPS_FIRST)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) $< tests/fuzz/replay.c $(B)/libyoy.a $(LIBS_ALL) -o $@

fuzz-replay: $(REPLAY_BIN) $(B)/yoy-pdf.so
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  files=$$(find tests/fuzz/seeds/$$h tests/fuzz/regressions/$$h -type f 2>/dev/null || true); \
	  case $$h in text) files="$$files $$(ls tests/data/bad/* tests/data/lvliang-hrss/*)";; \
	    json) files="$$files $$(ls tests/cases/parse-*/stdout)";; esac; \
	  $(B)/fuzz-replay/fuzz_$$h $$files; \
	done; echo "fuzz-replay: seeds and past crashes of $(words $(FUZZ_HARNESSES)) harnesses replayed"

fuzz-deps:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	  echo "yoy: installing missing Debian packages: clang"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang >/dev/null; }

fuzz: deps fuzz-deps
	@$(MAKE) --no-print-directory B=build/fuzz CC=$(FUZZ_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  build/fuzz/libyoy.a
	@set -e; mkdir -p build/fuzz/bin; for h in $(FUZZ_HARNESSES); do \
	  echo "  LINK    build/fuzz/bin/fuzz_$$h"; \
	  $(FUZZ_CC) $(CSTD) $(WARN) -O1 -g -Iinclude -Isrc $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    tests/fuzz/fuzz_$$h.c build/fuzz/libyoy.a $(LIBS_ALL) -o build/fuzz/bin/fuzz_$$h; \
	done
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_HARNESSES="$(FUZZ_HARNESSES)" bash tests/fuzz/run.sh

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory B=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp) \
	  build/asan/yoy unit golden fuzz-replay remote

bench: deps $(BENCH_BIN) $(B)/yoy
	@YOY=$(abspath $(B)/yoy) bash tests/bench/run.sh $(BENCH_BIN)

# The HTML report in headless Chromium: page loads clean, charts hold the
# expected bars; screenshots and an A4 PDF land in tests/output/.
BROWSER_DEBS = chromium fonts-noto-cjk
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
	  echo "yoy: installing missing Debian packages: $(BROWSER_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BROWSER_DEBS) >/dev/null; \
	fi

browser: $(B)/yoy browser-deps
	@YOY=$(abspath $(B)/yoy) bash tests/browser/report_html.sh

# The main job on bundled real data (see README.md).
demo: yoy
	@bash tests/demo.sh

clean:
	rm -rf build yoy yoy-pdf.so yoy-git.so

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(GIT_MODULE_SRC:src/%.c=$(B)/obj/%.d)
