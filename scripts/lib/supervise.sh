# shellcheck shell=bash
# Sourced. `supervise SECONDS CMD...` runs CMD with a hard timeout (SIGTERM, then SIGKILL 20 s
# later) and afterwards stops every process that CMD started, wherever it went: each supervised
# command gets a unique marker in its environment, which code-server, its extension hosts and
# Chromium inherit even after they move to their own process group or session, and `sweep` kills
# exactly the processes carrying it (by pid). The sweep also runs on EXIT, INT and TERM, so a
# failing test, a timeout or Ctrl-C leaves nothing behind. Nested supervisors (npm test → the
# integration script) append their markers, so an outer sweep also reaches the inner runs.
SUPERVISE_MARK=pa$$x$RANDOM$RANDOM

supervise_marked() { # pids of live processes with this script's marker
  grep -lsEz "^POLICY_ANNOTATOR_RUN=(.*:)?$SUPERVISE_MARK(:.*)?\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 || true
}

sweep() {
  local pids i
  pids=$(supervise_marked)
  [[ -n $pids ]] || return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for i in $(seq 1 50); do
    pids=$(supervise_marked)
    [[ -n $pids ]] || return 0
    sleep 0.1
  done
  echo "supervise: killing processes that outlived their run: $(echo $pids)" >&2
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
}

supervise() {
  local secs=$1 pid rc=0
  shift
  # In the background so that INT/TERM traps run at once instead of after the child exits.
  POLICY_ANNOTATOR_RUN=${POLICY_ANNOTATOR_RUN:+$POLICY_ANNOTATOR_RUN:}$SUPERVISE_MARK timeout --kill-after=20 "$secs" "$@" &
  pid=$!
  wait "$pid" || rc=$?
  if [[ $rc == 124 ]]; then echo "supervise: '$*' hit its hard timeout of $secs s" >&2; fi
  sweep
  return "$rc"
}

trap sweep EXIT
trap 'sweep; exit 130' INT
trap 'sweep; exit 143' TERM
