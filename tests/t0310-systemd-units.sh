#!/bin/sh
# t0310-systemd-units.sh - the systemd units of systemd/: `systemd-analyze
# verify` accepts an instance of each (for /srv/ecap, with ExecStart= pointed
# at bin/ecap, since verify wants the binary to exist), the service runs
# `ecap run DIR --quiet` as user ecap with the hardening doc/operations.md
# promises and may write only the state directory, the timer fires nightly at
# 02:00 and catches up (Persistent=true), the path unit watches the dropbox
# and starts the same service, and the service's settle wait is longer than
# the default policy's settleSeconds. Prints TAP. The verify checks need
# systemd-analyze (Debian: systemd) and are skipped without it.

. "$(dirname "$0")/lib.sh"
units="$top/systemd"
service="$units/ecap-run@.service"
timer="$units/ecap-run@.timer"
path="$units/ecap-dropbox@.path"

# setting FILE KEY: every value of KEY= in FILE, one per line
setting() {
	sed -n "s/^$2=//p" "$1"
}

has() {	# has FILE KEY VALUE: KEY=VALUE is set in FILE
	setting "$1" "$2" | grep -q -x -F -- "$3"
	report $? "$(basename "$1"): $2=$3"
}

for file in "$service" "$timer" "$path" "$units/ecap.default"; do
	[ -f "$file" ]
	report $? "$(basename "$file") exists"
done

has "$service" Type oneshot
has "$service" User ecap
has "$service" UMask 0077
has "$service" ExecStart "/usr/local/bin/ecap run %f --quiet"
has "$service" ConditionPathExists "%f/policy.xml"
has "$service" EnvironmentFile "-/etc/default/ecap"
for hardening in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes PrivateNetwork=yes \
		 PrivateDevices=yes ProtectHome=yes CapabilityBoundingSet= RestrictSUIDSGID=yes; do
	has "$service" "${hardening%%=*}" "${hardening#*=}"
done
writable=$(setting "$service" ReadWritePaths | tr '\n' ' ')
[ "$writable" = "%f " ]
report $? "ecap-run@.service may write the state directory and nothing else ($writable)"

has "$timer" OnCalendar "*-*-* 02:00:00"
has "$timer" Persistent true
has "$timer" Unit "ecap-run@%i.service"
has "$timer" WantedBy timers.target
has "$path" PathChanged "%f/dropbox"
has "$path" Unit "ecap-run@%i.service"
has "$path" WantedBy paths.target

# The wait before a run must outlast the policy's settle time, or a run
# started by a rename would leave the renamed file for the next one.
settle=$(sed -n 's/.*settleSeconds="\([0-9]*\)".*/\1/p' "$top/policy/default.xml" | head -1)
wait=$(setting "$service" Environment | sed -n 's/^ECAP_SETTLE_SECONDS=//p')
[ -n "$settle" ] && [ -n "$wait" ] && [ "$wait" -gt "$settle" ]
report $? "the service waits longer ($wait s) than the default settleSeconds ($settle s)"
setting "$service" ExecStartPre | grep -q -F '${ECAP_SETTLE_SECONDS}'
report $? "the wait comes before the run (ExecStartPre)"

# ecap@.service and ecap@.timer: one state per society, /srv/ecap/<society>
# (doc/operations.md), with the same run and hardening.
society_service="$units/ecap@.service"
society_timer="$units/ecap@.timer"
has "$society_service" ExecStart "/usr/local/bin/ecap run /srv/ecap/%i --quiet"
has "$society_service" ReadWritePaths "/srv/ecap/%i"
has "$society_service" ConditionPathExists "/srv/ecap/%i/policy.xml"
for hardening in User=ecap UMask=0077 NoNewPrivileges=yes ProtectSystem=strict PrivateNetwork=yes \
		 CapabilityBoundingSet=; do
	has "$society_service" "${hardening%%=*}" "${hardening#*=}"
done
has "$society_timer" Unit "ecap@%i.service"
has "$society_timer" Persistent true

if ! command -v systemd-analyze >/dev/null 2>&1; then
	skip "systemd-analyze verify" "systemd-analyze is not installed"
elif [ ! -x "$top/bin/ecap" ]; then
	skip "systemd-analyze verify" "bin/ecap is not built"
else
			instance=$(systemd-escape --path /srv/ecap)
	sed "s|/usr/local/bin/ecap|$top/bin/ecap|" "$service" >"$work/ecap-run@$instance.service"
	cp "$timer" "$work/ecap-run@$instance.timer"
	cp "$path" "$work/ecap-dropbox@$instance.path"
	for unit in "ecap-run@$instance.service" "ecap-run@$instance.timer" \
		    "ecap-dropbox@$instance.path"; do
		(cd "$work" && systemd-analyze verify --man=no "./$unit") >"$work/out" 2>&1
		status=$?
		[ $status -eq 0 ] && [ ! -s "$work/out" ]
		report $? "systemd-analyze verify accepts $unit"
		sed 's/^/#   /' "$work/out"
	done
	# and it complains about a broken one, so the checks above mean something
	sed 's/^Type=oneshot/Type=bogus/' "$work/ecap-run@$instance.service" >"$work/broken@$instance.service"
	(cd "$work" && systemd-analyze verify --man=no "./broken@$instance.service") >"$work/out" 2>&1
	[ $? -ne 0 ] || [ -s "$work/out" ]
	report $? "systemd-analyze verify complains about a unit with a bad setting"
fi

done_testing
