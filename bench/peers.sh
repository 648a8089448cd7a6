#!/usr/bin/env bash
# Side-by-side offline render benchmark: Riffcode vs Csound vs ChucK on the same reference patches.
#
#   bench/peers.sh                # 5 repetitions (about 10 minutes on a 2-core machine)
#   bench/peers.sh --reps 3       # fewer repetitions
#   bench/peers.sh --keep         # keep the rendered WAVs (their folder is printed)
#   bench/peers.sh --no-inproc    # skip Riffcode's in-process figures (./riffcode bench --patch)
#   bench/peers.sh --no-warm      # skip the row with a warm service (./riffcode serve)
#   bench/peers.sh --out DIR      # write the results elsewhere (default bench/results)
#   bench/peers.sh --report-only  # redo the table and chart from DIR/peers-runs.csv, no runs
#
# Installs csound, chuck, gnuplot and GNU time from Debian's packages when they are missing,
# builds Riffcode once (./riffcode --version), then for each repetition runs every patch
# (P1..P4) with every engine, engines in a rotating order so none always runs first. Each run is
# a whole process timed by /usr/bin/time (wall seconds, peak RSS of the largest process) while
# bench/peers/tree_rss.py sums the peak RSS of the whole process tree. Riffcode runs exactly as a
# user runs it: ./riffcode render SCRIPT.py -o OUT.wav --seconds S.
# Every WAV is checked: right length, not silent. Then the medians go to bench/results/:
# peers.md (machine + table), peers.csv, peers.png, peers-runs.csv (every single run) and
# peers-machine.txt.
# See bench/README.md for what the patches are and how faithful each equivalent is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
patches="$here/peers"
reps=5
keep=0
inproc=1
warm=1
out="$here/results"
report_only=0

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="${2:?--reps needs a number}"; shift 2 ;;
    --reps=*) reps="${1#*=}"; shift ;;
    --keep) keep=1; shift ;;
    --no-inproc) inproc=0; shift ;;
    --no-warm) warm=0; shift ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    --report-only) report_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "peers.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$reps" in ''|*[!0-9]*|0) echo "peers.sh: --reps needs a whole number >= 1, got '$reps'" >&2; exit 2 ;; esac

say() { echo "peers: $*" >&2; }

# The table, peers.csv, peers.md and peers.png from $out/peers-runs.csv and $out/peers-machine.txt.
make_report() {
  local dat reps_done cpu
  dat="$(mktemp "${TMPDIR:-/tmp}/riffcode-peers-plot.XXXXXX")"
  python3 "$patches/report.py" "$out/peers-runs.csv" "$out/peers-machine.txt" "$out" "$dat"
  reps_done="$(awk -F, 'NR > 1 && $1 > m { m = $1 } END { print m + 0 }' "$out/peers-runs.csv")"
  cpu="$(awk -F': *' '$1 == "cpu" { print $2 }' "$out/peers-machine.txt" | sed 's/^ *//')"
  if ! command -v gnuplot >/dev/null 2>&1; then
    say "no gnuplot here, so no chart: install it (apt-get install gnuplot-nox) and run --report-only again"
    rm -f "$dat"
    return 0
  fi
  gnuplot -e "dat='$dat'; png='$out/peers.png'; heading='Riffcode vs Csound vs ChucK, offline renders (medians of $reps_done runs), ${cpu:-?}, $(nproc) cores'" \
    "$patches/chart.gp"
  rm -f "$dat"
}

if [ "$report_only" = 1 ]; then
  make_report
  say "wrote $out/peers.md and $out/peers.csv (and peers.png when gnuplot is there) from $out/peers-runs.csv"
  exit 0
fi

# ------------------------------------------------------------------ tools
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 100
  fi
}

missing=()
command -v csound >/dev/null 2>&1 || missing+=(csound)
command -v chuck >/dev/null 2>&1 || missing+=(chuck)
command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
[ -x /usr/bin/time ] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian's packages"
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get here: install ${missing[*]} yourself, then run this again"; exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  rc=0
  as_root apt-get install -y -q "${missing[@]}" >&2 || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 100 ]; then
    rc=0
    { as_root apt-get update -q >&2 && as_root apt-get install -y -q "${missing[@]}" >&2; } || rc=$?
  fi
  if [ "$rc" -eq 100 ]; then
    say "not root and no password-less sudo: run 'sudo apt-get install -y ${missing[*]}', then this again"; exit 2
  elif [ "$rc" -ne 0 ]; then
    say "apt-get could not install ${missing[*]} (exit $rc): install them yourself, then run this again"; exit 2
  fi
fi

say "building Riffcode (once)"
(cd "$root" && ./riffcode --version) >/dev/null

mkdir -p "$out"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/riffcode-peers.XXXXXX")"
if [ "$keep" = 1 ]; then
  say "WAVs and logs are kept in $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi

# ------------------------------------------------------------------ machine
pkgver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo '?'; }
{
  echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "cores:     $(nproc) (online to this process)"
  echo "ram:       $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os:        $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  rv_="$(cd "$root" && ./riffcode --version 2>/dev/null || true)"
  # the Java the launcher picked (a JDK 25 with an AOT cache when there is one), not the default java
  echo "java:      $(grep -m1 '^java:' <<<"$rv_" | sed 's/^java: *//')"
  echo "riffcode:  $(head -1 <<<"$rv_"), git $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  # read each tool's whole output first: csound spins if its pipe closes early (grep -m1)
  csv_="$(timeout 20 csound --version </dev/null 2>&1 || true)"
  ckv_="$(timeout 20 chuck --version </dev/null 2>&1 || true)"
  echo "csound:    $(grep -o 'Csound version.*' <<<"$csv_" | head -1) [Debian $(pkgver csound)]"
  echo "chuck:     $(grep -o 'chuck version.*' <<<"$ckv_" | head -1) [Debian $(pkgver chuck)]"
  echo "repetitions: $reps (medians); engines rotate order every run"
  echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the start"
} > "$tmp/machine.txt"
cat "$tmp/machine.txt" >&2

# ------------------------------------------------------------------ one run
# seconds of audio each patch renders
seconds_of() { case "$1" in P4) echo 0.01 ;; *) echo 60 ;; esac; }

# Prints "rms duration" of a WAV: sox when present, else Python's wave module.
wav_stats() {
  if command -v sox >/dev/null 2>&1; then
    local rms dur
    rms="$(sox "$1" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')"
    dur="$(soxi -D "$1" 2>/dev/null)"
    echo "${rms:-0} ${dur:-0}"
  else
    python3 - "$1" <<'EOF'
import array, math, sys, wave
with wave.open(sys.argv[1]) as w:
    n, ch, width, rate = w.getnframes(), w.getnchannels(), w.getsampwidth(), w.getframerate()
    data = w.readframes(n)
a = array.array("h", data[: len(data) // 2 * 2]) if width == 2 else None
if a is None:  # 24/32-bit: count non-zero bytes instead
    rms = 1.0 if any(data) else 0.0
else:
    step = max(1, len(a) // 200000)
    s = a[::step]
    rms = math.sqrt(sum(x * x for x in s) / max(1, len(s))) / 32768
print("%g %g" % (rms, n / rate))
EOF
  fi
}

runs="$tmp/runs.csv"
echo "rep,patch,engine,wall_s,maxrss_kb,tree_kb,audio_s,ok,inproc_s,script_ms,cold_ms,note" > "$runs"

run_one() {  # rep patch engine
  local rep="$1" patch="$2" engine="$3" p secs wav log cmd rc wall maxrss tree rms dur ok note
  p="$(echo "$patch" | tr 'P' 'p')"
  secs="$(seconds_of "$patch")"
  wav="$tmp/$engine-$p-r$rep.wav"
  log="$tmp/$engine-$p-r$rep.log"
  case "$engine" in
    riffcode) cmd=("$root/riffcode" render "$patches/riffcode/$p.py" -o "$wav" --seconds "$secs" --no-service) ;;
    # The same command while a warm service runs: it finds the service through the state file and says so.
    riffcode-warm) cmd=(env RIFFCODE_SERVE_STATE="$serve_state" "$root/riffcode" render "$patches/riffcode/$p.py"
                        -o "$wav" --seconds "$secs") ;;
    csound)   cmd=(csound -o "$wav" "$patches/csound/$p.csd") ;;
    chuck)    cmd=(chuck --silent --srate:44100 "$patches/chuck/$p.ck:$wav") ;;
    # Riffcode's own in-process figure: two warm-up renders then the median of 3, same JVM, no WAV.
    riffcode-inproc) cmd=("$root/riffcode" bench --patch "$patches/riffcode/$p.py" --seconds "$secs" --repeat 3) ;;
  esac
  rm -f "$wav"
  /usr/bin/time -f "%e %M" -o "$log.time" "${cmd[@]}" >"$log" 2>&1 &
  local tpid=$!
  python3 "$patches/tree_rss.py" "$tpid" >"$log.tree" 2>/dev/null &
  local spid=$!
  rc=0; wait "$tpid" || rc=$?
  wait "$spid" || true
  read -r wall maxrss < <(tail -1 "$log.time")
  tree="$(cat "$log.tree" 2>/dev/null || echo 0)"
  ok=1; note=""; inp=""; script=""; cold=""
  if [ "$rc" -ne 0 ]; then
    ok=0; note="exit $rc: $(tail -1 "$log" | tr ',' ';' | cut -c1-120)"
  elif [ "$engine" = riffcode-inproc ]; then
    # lines like "p2.py_render: 0.447 s", "p2.py_script: 252 ms", "cold_start_worker: 8439 ms"
    inp="$(awk -v k="$p.py_render:" '$1 == k {print $2}' "$log")"
    script="$(awk -v k="$p.py_script:" '$1 == k {print $2}' "$log")"
    cold="$(awk '$1 == "cold_start_worker:" {print $2}' "$log")"
    [ -n "$inp" ] || { ok=0; note="no render figure: $(tail -1 "$log" | tr ',' ';' | cut -c1-120)"; }
  elif [ ! -s "$wav" ]; then
    ok=0; note="no WAV written"
  else
    read -r rms dur < <(wav_stats "$wav")
    if ! awk -v r="$rms" 'BEGIN { exit !(r > 0.001) }'; then
      ok=0; note="silent (RMS $rms)"
    elif ! awk -v d="$dur" -v s="$secs" 'BEGIN { x = d - s; if (x < 0) x = -x; exit !(x < 0.01) }'; then
      ok=0; note="length ${dur}s instead of ${secs}s"
    fi
  fi
  # Csound's own timing (-m128): performance = end of performance - end of score sort, i.e. the
  # render itself, without process start, plugin loading and orchestra compile.
  if [ "$engine" = csound ] && [ "$ok" = 1 ]; then
    inp="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
      /Elapsed time at end of score sort: real:/ { s = $9 + 0 }
      /Elapsed time at end of performance: real:/ { p = $8 + 0 }
      END { if (p > 0) printf "%.4f", p - s }')"
  fi
  [ "$keep" = 1 ] || rm -f "$wav"
  echo "$rep,$patch,$engine,$wall,$maxrss,${tree:-0},$secs,$ok,$inp,$script,$cold,$note" >> "$runs"
  if [ "$ok" = 1 ]; then
    say "$(printf 'rep %d/%d  %s  %-15s %7.2f s  %5.0f MB%s' "$rep" "$reps" "$patch" "$engine" "$wall" \
      "$(awk -v a="$maxrss" -v b="${tree:-0}" 'BEGIN { print (a > b ? a : b) / 1024 }')" \
      "${inp:+  (render only: $inp s)}")"
  else
    say "rep $rep/$reps  $patch  $engine  FAILED: $note (log: $log)"
    keep_logs=1
  fi
}

# ------------------------------------------------------------------ the warm service
# One ./riffcode serve for the whole benchmark, with its own state file (a user's service is not touched). Once it
# listens it trains the command line's start-up cache (JDK 25); the runs start after that, as a user's would.
serve_state="$tmp/serve.json"
serve_pid=""
stop_service() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    RIFFCODE_SERVE_STATE="$serve_state" "$root/riffcode" serve --stop >/dev/null 2>&1 || kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  serve_pid=""
}
if [ "$warm" = 1 ]; then
  say "starting a warm service (./riffcode serve) for the riffcode-warm runs"
  RIFFCODE_SERVE_STATE="$serve_state" "$root/riffcode" serve --port 0 --workers 1 >"$tmp/serve.log" 2>&1 &
  serve_pid=$!
  if [ "$keep" = 1 ]; then trap 'stop_service' EXIT; else trap 'stop_service; rm -rf "$tmp"' EXIT; fi
  for _ in $(seq 1 600); do
    [ -s "$serve_state" ] && break
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ ! -s "$serve_state" ]; then
    say "the service did not start (log: $tmp/serve.log); no riffcode-warm runs"; warm=0; stop_service
  else
    # On a JDK 25 the service trains the command line's start-up cache first (or says it could not).
    for _ in $(seq 1 600); do
      grep -q "start-up cache (\|no start-up cache for the command line" "$tmp/serve.log" && break
      [ -f "$root/target/aot/client.aot" ] && break
      ls -d /usr/lib/jvm/temurin-25* >/dev/null 2>&1 || break
      sleep 0.5
    done
    say "$(grep -m1 'serving on' "$tmp/serve.log" | sed 's/^riffcode: //')"
    # The service warms up in the background (its own patch and the examples, twice); a warm service is one that has.
    for _ in $(seq 1 600); do
      python3 - "$serve_state" <<'EOF' || break
import json, sys, urllib.request
s = json.load(open(sys.argv[1]))
r = urllib.request.Request(s["url"] + "/status", headers={"Authorization": "Bearer " + s["token"]})
sys.exit(0 if json.load(urllib.request.urlopen(r, timeout=10)).get("warm_up") == "running" else 1)
EOF
      sleep 0.5
    done
    say "$(grep -m1 'warmed up\|warm-up cut short\|warm-up stopped' "$tmp/serve.log" | sed 's/^riffcode: //')"
  fi
fi

# ------------------------------------------------------------------ the runs, interleaved
# Round-robin: within each repetition every patch runs once per engine, and the engines' order
# rotates from one patch to the next, so no engine always runs first (or right after Riffcode's
# JVMs). riffcode-inproc (./riffcode bench --patch) has no P4: P4 is start-up only.
keep_logs=0
start=$(date +%s)
turn=0
for rep in $(seq 1 "$reps"); do
  for patch in P1 P2 P3 P4; do
    engines=(riffcode csound chuck)
    [ "$warm" = 1 ] && engines+=(riffcode-warm)
    [ "$inproc" = 1 ] && [ "$patch" != P4 ] && engines+=(riffcode-inproc)
    n=${#engines[@]}
    for k in $(seq 0 $((n - 1))); do
      run_one "$rep" "$patch" "${engines[$(( (turn + k) % n ))]}"
    done
    turn=$((turn + 1))
  done
done
say "all runs took $(( $(date +%s) - start )) s"
if [ "$warm" = 1 ]; then
  # The warm service's own memory (the riffcode-warm RSS columns count the client only).
  python3 - "$serve_state" >> "$tmp/machine.txt" <<'EOF' || true
import json, sys, urllib.request
s = json.load(open(sys.argv[1]))
req = urllib.request.Request(s["url"] + "/status", headers={"Authorization": "Bearer " + s["token"]})
st = json.load(urllib.request.urlopen(req, timeout=10))
print("warm service: %d worker(s); at the end RSS %d MB (service JVM) + %d MB (workers)"
      % (st["workers"], st["rss_mb"], st["workers_rss_mb"]))
EOF
  stop_service
fi
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end; the runs took $(( $(date +%s) - start )) s" >> "$tmp/machine.txt"

# ------------------------------------------------------------------ report
cp "$runs" "$out/peers-runs.csv"
cp "$tmp/machine.txt" "$out/peers-machine.txt"
make_report
say "wrote $out/peers.md, $out/peers.csv, $out/peers.png, $out/peers-runs.csv"
if [ "$keep_logs" = 1 ] && [ "$keep" != 1 ]; then
  trap - EXIT
  say "some runs failed: logs kept in $tmp"
fi
