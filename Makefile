# Makefile - builds bin/ecap, runs the tests, the demo and the benchmark.
# `make demo` and `make check` first run tools/setup-debian.sh, which installs
# the Debian packages they need when run as root and names them otherwise.

PREFIX ?= /usr/local
CC ?= cc
PKG_CONFIG ?= pkg-config
LIBRARIES = libxml-2.0 libxslt libexslt libarchive zlib libcrypto

CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-truncation
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARNINGS) $(CFLAGS) -Ilib -Istages -Ipipeline \
	$(shell $(PKG_CONFIG) --cflags $(LIBRARIES) 2>/dev/null)
LIBS = $(shell $(PKG_CONFIG) --libs $(LIBRARIES) 2>/dev/null) -lm -pthread

BUILD = build

LIB_OBJECTS = \
	$(BUILD)/lib/atomic.o \
	$(BUILD)/lib/calendar.o \
	$(BUILD)/lib/cpd.o \
	$(BUILD)/lib/dossier.o \
	$(BUILD)/lib/error.o \
	$(BUILD)/lib/experience.o \
	$(BUILD)/lib/hash.o \
	$(BUILD)/lib/identity.o \
	$(BUILD)/lib/package.o \
	$(BUILD)/lib/policy.o \
	$(BUILD)/lib/text.o \
	$(BUILD)/lib/xml.o

STAGE_OBJECTS = \
	$(BUILD)/stages/certify.o \
	$(BUILD)/stages/interview.o \
	$(BUILD)/stages/result.o \
	$(BUILD)/stages/review.o \
	$(BUILD)/stages/stages.o \
	$(BUILD)/stages/validate.o

PIPELINE_OBJECTS = \
	$(BUILD)/pipeline/audit.o \
	$(BUILD)/pipeline/audit_verify.o \
	$(BUILD)/pipeline/command_audit.o \
	$(BUILD)/pipeline/command_filter.o \
	$(BUILD)/pipeline/command_init.o \
	$(BUILD)/pipeline/command_register.o \
	$(BUILD)/pipeline/command_run.o \
	$(BUILD)/pipeline/command_status.o \
	$(BUILD)/pipeline/driver.o \
	$(BUILD)/pipeline/intake.o \
	$(BUILD)/pipeline/lock.o \
	$(BUILD)/pipeline/notice.o \
	$(BUILD)/pipeline/packages.o \
	$(BUILD)/pipeline/paths.o \
	$(BUILD)/pipeline/progress.o \
	$(BUILD)/pipeline/publish.o \
	$(BUILD)/pipeline/records.o \
	$(BUILD)/pipeline/register.o \
	$(BUILD)/pipeline/statistics.o \
	$(BUILD)/pipeline/status.o \
	$(BUILD)/pipeline/store.o

MAIN_OBJECT = $(BUILD)/pipeline/main.o

UNIT_TESTS = \
	$(BUILD)/tests/test-calendar \
	$(BUILD)/tests/test-cpd \
	$(BUILD)/tests/test-experience \
	$(BUILD)/tests/test-identity \
	$(BUILD)/tests/test-package \
	$(BUILD)/tests/test-policy \
	$(BUILD)/tests/test-text

ARCHIVE = $(BUILD)/libecap.a

all: bin/ecap

bin/ecap: $(MAIN_OBJECT) $(ARCHIVE)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJECT) $(ARCHIVE) $(LIBS)

$(ARCHIVE): $(LIB_OBJECTS) $(STAGE_OBJECTS) $(PIPELINE_OBJECTS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test-%: tests/unit/test-%.c $(ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(ARCHIVE) $(LIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

setup:
	@sh tools/setup-debian.sh

check: setup
	@$(MAKE) --no-print-directory all $(UNIT_TESTS)
	@sh tests/run.sh $(UNIT_TESTS)

demo: setup
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

install: bin/ecap
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ecap/xsd \
		$(DESTDIR)$(PREFIX)/share/ecap/xslt $(DESTDIR)$(PREFIX)/share/ecap/policy
	install -m 755 bin/ecap $(DESTDIR)$(PREFIX)/bin/ecap
	install -m 644 xsd/*.xsd $(DESTDIR)$(PREFIX)/share/ecap/xsd/
	install -m 644 xslt/*.xsl $(DESTDIR)$(PREFIX)/share/ecap/xslt/
	install -m 644 policy/default.xml $(DESTDIR)$(PREFIX)/share/ecap/policy/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 644 doc/ecap.1 $(DESTDIR)$(PREFIX)/share/man/man1/ecap.1
	install -m 644 systemd/ecap-run@.service systemd/ecap-run@.timer \
		systemd/ecap-dropbox@.path $(DESTDIR)$(PREFIX)/lib/systemd/system/

clean:
	rm -rf $(BUILD) bin demo tests/work

.PHONY: all setup check demo install clean
