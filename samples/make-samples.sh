#!/bin/sh
# make-samples.sh - regenerates samples/dropbox/ (the demo's application
# packages) and samples/members.xml (the member roster that samples/policy.xml
# names) with tools/mkpackage.py. Every package is seeded, so running this
# again gives the same bytes. What each package should come to is in
# samples/README.md; keep the two in step.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mkpackage="$here/../tools/mkpackage.py"
dropbox="$here/dropbox"
roster_lines=$(mktemp)
expected_lines=$(mktemp)
trap 'rm -f "$roster_lines" "$expected_lines"' EXIT

rm -rf "$dropbox"
mkdir -p "$dropbox"

# package FILE ARGUMENTS...: writes dropbox/FILE, keeps the applicant's
# roster line (none for a non-member) and what the run should decide.
package() {
	file=$1
	shift
	python3 "$mkpackage" --evidence-kb 5 --out "$dropbox/$file" --print-member "$@" \
		>>"$roster_lines"
	printf '%s %s\n' "$file" "$(python3 "$mkpackage" --evidence-kb 5 --print-expected "$@" \
		2>/dev/null)" >>"$expected_lines"
}

# Valid packages, one per level, in every archive format.
package 2026-11-02-zhang-wei.zip --seed 101 --id A2026-000101 \
	--name 张伟 --member M-2017-004471 --level professional --degree master --years 4 \
	--submitted 2026-11-02T09:30:00+08:00
package 2026-11-03-li-na.tar.gz --seed 102 --id A2026-000102 \
	--name 李娜 --member M-2020-011385 --level apprentice --degree bachelor --years 1 \
	--submitted 2026-11-03T14:12:00+08:00
package 2026-11-04-wang-jianguo.7z --seed 103 --id A2026-000103 \
	--name 王建国 --member M-2011-002096 --level senior --degree doctorate --years 9 \
	--employer 中国电力科学研究院有限公司 \
	--submitted 2026-11-04T20:45:00+08:00
package 2026-11-05-kim-minho.tar.xz --seed 104 --id A2026-000104 \
	--name 金敏浩 --id-type passport --member M-2019-020733 \
	--level professional --degree bachelor --years 6 \
	--submitted 2026-11-05T10:03:00+08:00
package 2026-11-06-liu-yang.tar.bz2 --seed 105 --id A2026-000105 \
	--name 刘洋 --member M-2016-007812 --level professional --degree doctorate --years 3 \
	--defect extra-file \
	--submitted 2026-11-06T16:28:00+08:00
package 2026-11-09-ma-jun.tar --seed 106 --id A2026-000106 --evidence-kb 4 \
	--name 马骏 --member M-2009-001544 --level senior --degree bachelor --years 14 \
	--title apec:APEC-CN-2021-0087 \
	--submitted 2026-11-09T08:57:00+08:00

# One common defect each.
package 2026-11-09-chen-jing.zip --seed 107 --id A2026-000107 \
	--name 陈静 --member M-2018-015260 --level professional --degree bachelor --years 6 \
	--defect statement-short \
	--submitted 2026-11-09T11:40:00+08:00
package 2026-11-10-yang-fan.tar.gz --seed 108 --id A2026-000108 \
	--name 杨帆 --member M-2021-026417 --level apprentice --degree bachelor --years 2 \
	--defect missing-id-back \
	--submitted 2026-11-10T19:05:00+08:00
package 2026-11-11-zhao-lei.7z --seed 109 --id A2026-000109 \
	--name 赵磊 --member M-2016-009925 --level professional --degree master --years 5 \
	--defect evidence-checksum \
	--submitted 2026-11-11T09:16:00+08:00
package 2026-11-12-huang-li.tar.xz --seed 110 --id A2026-000110 \
	--name 黄丽 --member M-2017-012348 --level professional --degree bachelor --years 7 \
	--defect commitment-unsigned \
	--submitted 2026-11-12T15:51:00+08:00
package 2026-11-13-zhou-qiang.tar.bz2 --seed 111 --id A2026-000111 \
	--name 周强 --member M-2010-003371 --level senior --degree master --years 12 \
	--employer 国网山东省电力公司济南供电公司 \
	--defect identity-check \
	--submitted 2026-11-13T10:22:00+08:00
package 2026-11-16-wu-hao.zip --seed 112 --id A2026-000112 \
	--name 吴昊 --member M-2022-930518 --level professional --degree bachelor --years 6 \
	--defect not-member \
	--submitted 2026-11-16T13:37:00+08:00
package 2026-11-17-xu-ming.tar --seed 113 --id A2026-000113 --evidence-kb 4 \
	--name 徐明 --member M-2020-018806 --level professional --degree bachelor \
	--defect experience-short \
	--submitted 2026-11-17T17:09:00+08:00
package 2026-11-18-sun-li.zip --seed 114 --id A2026-000114 \
	--name 孙莉 --member M-2021-024590 --level apprentice --degree bachelor --years 1 \
	--defect no-application \
	--submitted 2026-11-18T21:14:00+08:00

# The roster: every applicant above but the non-member, and other members of
# the society who have not applied.
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<!-- members.xml - the member roster of the sample society (CSEE), named by'
	echo '     policy.xml; written by make-samples.sh, do not edit by hand. -->'
	echo '<members xmlns="urn:ecap:1">'
	cat "$roster_lines"
	cat <<'EOF'
  <member number="M-2006-000318" name="郑国栋"/>
  <member number="M-2012-005127" name="林晓婷"/>
  <member number="M-2014-006640" name="罗斌"/>
  <member number="M-2015-004902" name="谢文涛"/>
  <member number="M-2018-016033" name="宋佳"/>
  <member number="M-2019-021958" name="唐亮"/>
  <member number="M-2023-031276" name="蔡欣怡"/>
EOF
	echo '</members>'
} >"$here/members.xml"

{
	echo '# expected.txt - what a run should decide for each package of dropbox/:'
	echo '# FILE OUTCOME [REASON-CODE...]; written by make-samples.sh (see README.md).'
	cat "$expected_lines"
} >"$here/expected.txt"

# Self-check: every form is well-formed and, where the schemas are there,
# valid; so are the policy and the roster.
check() {
	if ! command -v xmllint >/dev/null || ! command -v bsdtar >/dev/null; then
		echo "make-samples: xmllint or bsdtar missing, no self-check" >&2
		return 0
	fi
	schemas="$here/../xsd"
	form=$(mktemp)
	status=0
	for archive in "$dropbox"/*; do
		if ! bsdtar -xOf "$archive" application.xml >"$form" 2>/dev/null; then
			grep -q "^$(basename "$archive") quarantined no-application" "$here/expected.txt" ||
				{ echo "make-samples: no application.xml in $archive" >&2; status=1; }
			continue
		fi
		if [ -f "$schemas/application.xsd" ]; then
			xmllint --noout --schema "$schemas/application.xsd" "$form" 2>/dev/null ||
				{ echo "make-samples: $archive: application.xml is not valid" >&2; status=1; }
		else
			xmllint --noout "$form" ||
				{ echo "make-samples: $archive: application.xml is not well-formed" >&2; status=1; }
		fi
	done
	rm -f "$form"
	for pair in policy.xml:policy.xsd members.xml:members.xsd; do
		document=$here/${pair%%:*}
		schema=$schemas/${pair#*:}
		if [ -f "$schema" ]; then
			xmllint --noout --schema "$schema" "$document" 2>/dev/null ||
				{ echo "make-samples: $document is not valid" >&2; status=1; }
		fi
	done
	return $status
}
check
