# Makefile - builds bin/ecap, runs the tests, the demo and the benchmark.
# `make demo` and `make check` first run tools/setup-debian.sh, which installs
# the Debian packages they need when run as root and names them otherwise.

PREFIX ?= /usr/local
CC ?= cc
PKG_CONFIG ?= pkg-config
LIBRARIES = libxml-2.0 libxslt libexslt libarchive zlib libcrypto pangocairo pangofc fontconfig \
	cairo-pdf librsvg-2.0 harfbuzz-subset xmlsec1-openssl libqrencode gmime-3.0 libdeflate

CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-format-truncation
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARNINGS) $(CFLAGS) -Ilib -Istages $(PIPELINE_INCLUDES) \
	$(shell $(PKG_CONFIG) --cflags $(LIBRARIES) 2>/dev/null)
PIPELINE_INCLUDES = $(addprefix -Ipipeline/,command batch store audit render trust report)
LIBS = $(shell $(PKG_CONFIG) --libs $(LIBRARIES) 2>/dev/null) -lm -pthread

BUILD = build

LIB_OBJECTS = \
	$(BUILD)/lib/atomic.o \
	$(BUILD)/lib/calendar.o \
	$(BUILD)/lib/csv.o \
	$(BUILD)/lib/directory.o \
	$(BUILD)/lib/dossier.o \
	$(BUILD)/lib/error.o \
	$(BUILD)/lib/hash.o \
	$(BUILD)/lib/levels.o \
	$(BUILD)/lib/mask.o \
	$(BUILD)/lib/name.o \
	$(BUILD)/lib/package.o \
	$(BUILD)/lib/package_names.o \
	$(BUILD)/lib/paths.o \
	$(BUILD)/lib/policy.o \
	$(BUILD)/lib/policy_reader.o \
	$(BUILD)/lib/roster.o \
	$(BUILD)/lib/string_index.o \
	$(BUILD)/lib/text.o \
	$(BUILD)/lib/text_ems.o \
	$(BUILD)/lib/text_fill.o \
	$(BUILD)/lib/worker.o \
	$(BUILD)/lib/xml.o

STAGE_OBJECTS = \
	$(BUILD)/stages/certify.o \
	$(BUILD)/stages/cpd.o \
	$(BUILD)/stages/experience.o \
	$(BUILD)/stages/identity.o \
	$(BUILD)/stages/interview.o \
	$(BUILD)/stages/outcomes.o \
	$(BUILD)/stages/reconsider.o \
	$(BUILD)/stages/result.o \
	$(BUILD)/stages/review.o \
	$(BUILD)/stages/stages.o \
	$(BUILD)/stages/statement.o \
	$(BUILD)/stages/validate.o \
	$(BUILD)/stages/validate_eligibility.o \
	$(BUILD)/stages/validate_form.o \
	$(BUILD)/stages/withdraw.o

PIPELINE_OBJECTS = \
	$(BUILD)/pipeline/audit/audit.o \
	$(BUILD)/pipeline/audit/audit_bag_check.o \
	$(BUILD)/pipeline/audit/audit_chain.o \
	$(BUILD)/pipeline/audit/audit_paths.o \
	$(BUILD)/pipeline/audit/audit_read.o \
	$(BUILD)/pipeline/audit/audit_tags.o \
	$(BUILD)/pipeline/audit/audit_verify.o \
	$(BUILD)/pipeline/audit/audit_writer.o \
	$(BUILD)/pipeline/batch/batch.o \
	$(BUILD)/pipeline/batch/consequences.o \
	$(BUILD)/pipeline/batch/driver.o \
	$(BUILD)/pipeline/batch/input_memory.o \
	$(BUILD)/pipeline/batch/intake.o \
	$(BUILD)/pipeline/batch/letters.o \
	$(BUILD)/pipeline/batch/mail.o \
	$(BUILD)/pipeline/batch/memory.o \
	$(BUILD)/pipeline/batch/package_form.o \
	$(BUILD)/pipeline/batch/packages.o \
	$(BUILD)/pipeline/batch/prepare_pool.o \
	$(BUILD)/pipeline/batch/public_register.o \
	$(BUILD)/pipeline/batch/publish.o \
	$(BUILD)/pipeline/batch/records.o \
	$(BUILD)/pipeline/batch/render_queue.o \
	$(BUILD)/pipeline/batch/retry.o \
	$(BUILD)/pipeline/batch/run_date.o \
	$(BUILD)/pipeline/batch/signing.o \
	$(BUILD)/pipeline/batch/society.o \
	$(BUILD)/pipeline/batch/society_deadlines.o \
	$(BUILD)/pipeline/batch/society_heads.o \
	$(BUILD)/pipeline/batch/statistics.o \
	$(BUILD)/pipeline/batch/sweeps.o \
	$(BUILD)/pipeline/batch/upgrade.o \
	$(BUILD)/pipeline/command/command_audit.o \
	$(BUILD)/pipeline/command/command_common.o \
	$(BUILD)/pipeline/command/command_filter.o \
	$(BUILD)/pipeline/command/command_find.o \
	$(BUILD)/pipeline/command/command_init.o \
	$(BUILD)/pipeline/command/command_key.o \
	$(BUILD)/pipeline/command/command_mail.o \
	$(BUILD)/pipeline/command/command_register.o \
	$(BUILD)/pipeline/command/command_render.o \
	$(BUILD)/pipeline/command/command_retry.o \
	$(BUILD)/pipeline/command/command_run.o \
	$(BUILD)/pipeline/command/command_status.o \
	$(BUILD)/pipeline/command/command_typeset.o \
	$(BUILD)/pipeline/command/command_verify.o \
	$(BUILD)/pipeline/command/progress.o \
	$(BUILD)/pipeline/render/notice.o \
	$(BUILD)/pipeline/render/pdf.o \
	$(BUILD)/pipeline/render/pdf_cairo_pages.o \
	$(BUILD)/pipeline/render/pdf_certificate.o \
	$(BUILD)/pipeline/render/pdf_direct.o \
	$(BUILD)/pipeline/render/pdf_subsets.o \
	$(BUILD)/pipeline/render/pdf_embed.o \
	$(BUILD)/pipeline/render/pdf_layouts.o \
	$(BUILD)/pipeline/render/pdf_fixed.o \
	$(BUILD)/pipeline/render/pdf_fonts.o \
	$(BUILD)/pipeline/render/pdf_letter.o \
	$(BUILD)/pipeline/render/pdf_pages.o \
	$(BUILD)/pipeline/render/pdf_surface.o \
	$(BUILD)/pipeline/render/qrcode.o \
	$(BUILD)/pipeline/render/seal.o \
	$(BUILD)/pipeline/render/typesetter.o \
	$(BUILD)/pipeline/report/find.o \
	$(BUILD)/pipeline/report/status.o \
	$(BUILD)/pipeline/report/tables.o \
	$(BUILD)/pipeline/store/lock.o \
	$(BUILD)/pipeline/store/register.o \
	$(BUILD)/pipeline/store/register_identities.o \
	$(BUILD)/pipeline/store/store.o \
	$(BUILD)/pipeline/trust/keys.o \
	$(BUILD)/pipeline/trust/signature.o \
	$(BUILD)/pipeline/trust/signed_writer.o

MAIN_OBJECT = $(BUILD)/pipeline/command/main.o

UNIT_TESTS = \
	$(BUILD)/tests/test-audit \
	$(BUILD)/tests/test-audit-writer \
	$(BUILD)/tests/test-calendar \
	$(BUILD)/tests/test-cpd \
	$(BUILD)/tests/test-csv \
	$(BUILD)/tests/test-experience \
	$(BUILD)/tests/test-identity \
	$(BUILD)/tests/test-input-memory \
	$(BUILD)/tests/test-intake \
	$(BUILD)/tests/test-name \
	$(BUILD)/tests/test-outcomes \
	$(BUILD)/tests/test-package \
	$(BUILD)/tests/test-package-hostile \
	$(BUILD)/tests/test-pdf \
	$(BUILD)/tests/test-pdf-embed \
	$(BUILD)/tests/test-policy \
	$(BUILD)/tests/test-qrcode \
	$(BUILD)/tests/test-render-queue \
	$(BUILD)/tests/test-schema-threads \
	$(BUILD)/tests/test-signature \
	$(BUILD)/tests/test-signed-writer \
	$(BUILD)/tests/test-society-deadlines \
	$(BUILD)/tests/test-statement \
	$(BUILD)/tests/test-store \
	$(BUILD)/tests/test-string-index \
	$(BUILD)/tests/test-text-ems \
	$(BUILD)/tests/test-text-fill \
	$(BUILD)/tests/test-typesetter

ARCHIVE = $(BUILD)/libecap.a

# Objects that only define other libraries' functions (zlib's deflate for
# cairo's PDF streams, pipeline/render/pdf_deflate.c): nothing of ecap calls
# them, so the linker would not take them from the archive; they are linked
# whole into the program and every test.
INTERPOSING_OBJECTS = $(BUILD)/pipeline/render/pdf_deflate.o

BIN = bin/ecap

all: $(BIN)

$(BIN): $(MAIN_OBJECT) $(INTERPOSING_OBJECTS) $(ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJECT) $(INTERPOSING_OBJECTS) $(ARCHIVE) $(LIBS)

$(ARCHIVE): $(LIB_OBJECTS) $(STAGE_OBJECTS) $(PIPELINE_OBJECTS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test-%: tests/unit/test-%.c $(INTERPOSING_OBJECTS) $(ARCHIVE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(INTERPOSING_OBJECTS) $(ARCHIVE) $(LIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

setup:
	@sh tools/setup-debian.sh

# Regenerates the golden letters (tests/golden/) after a reviewed change of
# wording or layout; `git diff tests/golden` shows what changed.
golden: all
	@sh tests/golden/render.sh
	@echo "golden letters written to tests/golden/letters/; review them with git diff"

check: setup
	@$(MAKE) --no-print-directory all $(UNIT_TESTS)
	@sh tests/run.sh $(UNIT_TESTS)

# The whole suite against a build with AddressSanitizer and UBSan (build-asan/).
SANITIZE = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
check-asan: setup
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/ecap CFLAGS="$(SANITIZE)" \
		LDFLAGS="-fsanitize=address,undefined" build-asan/ecap \
		$(subst $(BUILD)/,build-asan/,$(UNIT_TESTS))
	@ECAP=$(CURDIR)/build-asan/ecap ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/tools/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh $(subst $(BUILD)/,build-asan/,$(UNIT_TESTS))

# The end-to-end tests with every ecap run under valgrind (slow: about an hour).
check-valgrind: setup
	@$(MAKE) --no-print-directory all
	@ECAP=$(CURDIR)/tests/tools/valgrind-ecap ECAP_REAL=$(CURDIR)/bin/ecap \
		ECAP_SUPPRESSIONS=$(CURDIR)/tests/tools/valgrind.supp sh tests/run.sh

# Kills runs at 50 random points and checks nothing is lost or doubled.
check-crash: setup
	@$(MAKE) --no-print-directory all
	@sh tests/crash/run-crash-trials.sh 50

fuzz:
	sh fuzz/build.sh && sh fuzz/run.sh $${FUZZ_SECONDS:-60}

bench: setup
	@$(MAKE) --no-print-directory all
	sh bench/run.sh

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
		systemd/ecap-dropbox@.path systemd/ecap@.service systemd/ecap@.timer \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/

clean:
	rm -rf $(BUILD) build-asan bin demo tests/work

.PHONY: all setup check check-asan check-valgrind check-crash golden fuzz bench demo install clean
