#!/bin/bash
# The common fake Windows program, without node: print, maybe after a delay, and exit. A fake host
# (test/helpers/fakehost.ts) copies this file to the program's path; what it does comes from files
# beside that path, as for the win32 fake (test/win32/fake.c): .stdout (raw bytes), .stderr, .exitcode
# and .delayms. Each run appends to $FAKE_HOST_LOG the JSON line test/fakes/replay.mjs writes. What only
# replay.mjs does (hang, a grandchild, closed stdio, a filled pipe) stays there; a node start costs about
# 90 ms of CPU, this one a few.
#
# Needs bash 5 (EPOCHREALTIME). An argument with a control character other than tab, CR or LF makes the
# log line invalid JSON, and the test that reads it fails.
start=${EPOCHREALTIME/[.,]/}
PATH=/usr/bin:/bin

if [ -e "$0.delayms" ]; then
  read -r delay < "$0.delayms"
  # wait, unlike a foreground sleep, lets the trap run at once: the sleep goes, then the fake dies of the
  # signal it got (as replay.mjs does, so the doctor reports "killed by SIGTERM", not an exit code).
  trap 'kill $! 2>/dev/null; trap - TERM; kill -s TERM $$' TERM
  trap 'kill $! 2>/dev/null; trap - INT; kill -s INT $$' INT
  printf -v fraction %03d $((delay % 1000))
  sleep "$((delay / 1000)).$fraction" &
  wait $!
fi
[ -s "$0.stdout" ] && cat "$0.stdout"
[ -s "$0.stderr" ] && cat "$0.stderr" >&2

# $REPLY is $1 as a JSON string.
json() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  REPLY="\"$s\""
}

if [ -n "$FAKE_HOST_LOG" ]; then
  args=
  for a in "$@"; do
    json "$a"
    args+=${args:+,}$REPLY
  done
  json "$0"
  program=$REPLY
  read -r stat < /proc/$$/stat
  rest=${stat##*) }
  fields=($rest)
  end=${EPOCHREALTIME/[.,]/}
  printf -v line '{"program":%s,"args":[%s],"pid":%d,"ppid":%d,"pgid":%d,"children":[],"start":%d,"end":%d}' \
    "$program" "$args" $$ $PPID "${fields[2]}" $((start / 1000)) $((end / 1000))
  # bash's printf may split a long line (PowerShell's -EncodedCommand) into several writes (16 KiB each
  # here), which a concurrent fake's line could come between: past 4000 characters cat appends it in one.
  if [ ${#line} -lt 4000 ]; then
    printf '%s\n' "$line" >> "$FAKE_HOST_LOG"
  else
    printf '%s\n' "$line" > "$FAKE_HOST_LOG.$$"
    cat "$FAKE_HOST_LOG.$$" >> "$FAKE_HOST_LOG"
    rm -f "$FAKE_HOST_LOG.$$"
  fi
fi
code=0
[ -e "$0.exitcode" ] && read -r code < "$0.exitcode"
exit "$code"
