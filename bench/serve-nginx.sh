#!/usr/bin/env bash
# Scale-out load test: two Riffcode services behind Debian's nginx, one session store, the load test through nginx.
#
#   bench/serve-nginx.sh                      # 2 instances x 1 worker, 4 clients x 50 requests
#   bench/serve-nginx.sh --instances 3 --workers 1 --clients 6 --requests 30
#
# Everything listens on 127.0.0.1 only. The instances share this checkout's sessions/ folder (the store is the only
# state they share; on several machines put it on shared storage). nginx balances round robin and passes a request
# that an instance answered 503 (its queue full) on to the next one. Prints the figures of ./riffcode bench serve.
# Needs nginx: .ci/install-deps (run by ./riffcode test) installs it from Debian's packages.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
instances=2
workers=1
clients=4
requests=50
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve-nginx.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
say() { echo "serve-nginx: $*" >&2; }

nginx_bin="$(command -v nginx || true)"
[ -n "$nginx_bin" ] || { [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx; }
if [ -z "$nginx_bin" ]; then
  say "nginx is not installed: run .ci/install-deps as root (or apt-get install -y nginx), then this again"; exit 2
fi

(cd "$root" && ./riffcode --version) >/dev/null
tmp="$(mktemp -d "${TMPDIR:-/tmp}/riffcode-serve-nginx.XXXXXX")"
pids=()
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done   # each finishes its running jobs
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
token="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
export RIFFCODE_SERVE_TOKEN="$token"

upstreams=""
for i in $(seq 1 "$instances"); do
  port="$(free_port)"
  "$root/riffcode" serve --no-register --port "$port" --workers "$workers" --queue $((4 * workers + clients)) \
    >"$tmp/instance-$i.log" 2>&1 &
  pids+=($!)
  upstreams="$upstreams    server 127.0.0.1:$port;
"
done
say "starting $instances instances with $workers worker(s) each..."
for i in $(seq 1 "$instances"); do
  for _ in $(seq 1 600); do
    grep -q "serving on" "$tmp/instance-$i.log" && break
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { say "instance $i died: $(tail -3 "$tmp/instance-$i.log")"; exit 1; }
    sleep 0.5
  done
  grep -q "serving on" "$tmp/instance-$i.log" || { say "instance $i did not start"; exit 1; }
done
# Each instance warms up in the background after it listens; the load test is of warm instances.
for i in $(seq 1 "$instances"); do
  for _ in $(seq 1 600); do
    grep -q "warmed up\|warm-up stopped" "$tmp/instance-$i.log" && break
    sleep 0.5
  done
done
say "the instances have warmed up"

front="$(free_port)"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
# The configuration the scale-out test uses too: bench/nginx.conf.template, filled in.
python3 - "$here/nginx.conf.template" "$tmp/nginx.conf" "$user_line" "$tmp" "${upstreams%$'\n'}" "127.0.0.1:$front" <<'PY'
import sys
template, out, user, prefix, upstreams, listen = sys.argv[1:]
text = open(template).read()
for key, value in (("@USER_LINE@", user), ("@PREFIX@", prefix), ("@UPSTREAMS@", upstreams), ("@LISTEN@", listen)):
    text = text.replace(key, value)
open(out, "w").write(text)
PY
"$nginx_bin" -p "$tmp" -c "$tmp/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$front/health" >/dev/null 2>&1 && break
  sleep 0.1
done
say "nginx on 127.0.0.1:$front in front of $instances instances; loading it"
rc=0
"$root/riffcode" bench serve --url "http://127.0.0.1:$front" --clients "$clients" --requests "$requests" || rc=$?
for i in $(seq 1 "$instances"); do
  say "instance $i answered $(grep -c '^serve: POST /render' "$tmp/instance-$i.log" || true) render requests"
done
exit $rc
