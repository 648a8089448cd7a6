#!/usr/bin/env python3
"""Turns the raw runs of peers.sh into the table: prints it, writes peers.csv and peers.md, and
the data gnuplot draws peers.png from. Standard library only (bench tooling, not part of Riffcode).

Usage: report.py RUNS.csv MACHINE.txt OUTDIR PLOTDATA
"""
import csv
import statistics
import sys
from pathlib import Path

PATCHES = [
    ("P1", "one 440 Hz sine, 60 s"),
    ("P2", "64 band-limited saws summed into one resonant low-pass, 60 s"),
    ("P3", "240 notes, one every 0.25 s, saw -> low-pass -> ADSR, 60 s"),
    ("P4", "process start to a finished 0.01 s render (start-up cost)"),
]
# (key, runs.csv engine, figure, description)
ENGINES = [
    ("riffcode", "riffcode", "wall",
     "`./riffcode render pN.py -o OUT.wav --seconds S`, the whole process as a user runs it "
     "(launcher, JVM, sandboxed GraalPy worker JVM, script, render, WAV)"),
    ("riffcode-warm", "riffcode-warm", "wall",
     "the same command with a warm service running (`./riffcode serve`, started once before the runs): the whole "
     "client process (launcher, JVM with its start-up cache, request, WAV written); the service's own memory is "
     "not in its RSS columns but in the machine notes"),
    ("riffcode-inproc", "riffcode-inproc", "inproc",
     "the `pN.py_render` figure of `./riffcode bench --patch pN.py --seconds 60 --repeat 3` "
     "(median of 3 renders after two warm-up renders in the same JVM; no start-up, script or WAV writing)"),
    ("csound", "csound", "wall", "`csound -o OUT.wav pN.csd`, the whole process"),
    ("csound-inproc", "csound", "inproc",
     "Csound's own timing lines (`-m128`) of the same runs, end of performance minus "
     "end of score sort (the render, first and only, including vco2's table building; no start-up)"),
    ("chuck", "chuck", "wall", "`chuck --silent --srate:44100 pN.ck:OUT.wav`, the whole process"),
]
SHORT = {"riffcode": "Riffcode CLI", "riffcode-warm": "Riffcode CLI, warm service", "riffcode-inproc": "Riffcode in-process",
         "csound": "Csound", "csound-inproc": "Csound in-process", "chuck": "ChucK"}


def fmt(x, digits=3):
    if x is None:
        return "n/a"
    if x >= 100:
        return "%.0f" % x
    if x >= 10:
        return "%.1f" % x
    return ("%." + str(digits) + "f") % x


def fmt_spread(r):
    """How far the slowest and fastest run lie from the median, in percent: the launch-to-launch spread."""
    if r["n"] < 2 or r["wall"] <= 0:
        return "-"
    return "%+.0f%% / %+.0f%%" % (100 * (r["lo"] / r["wall"] - 1), 100 * (r["hi"] / r["wall"] - 1))


def fmt_rtf(x):
    if x is None:
        return "n/a"
    if x >= 10:
        return "%.0fx" % x
    if x >= 1:
        return "%.1fx" % x
    return "%.2gx" % x


def main():
    runs_path, machine_path, outdir, plot_path = sys.argv[1:5]
    outdir = Path(outdir)
    runs = list(csv.DictReader(open(runs_path)))
    machine = Path(machine_path).read_text().strip()
    reps = max((int(r["rep"]) for r in runs), default=0)

    rows = {}
    for patch, _ in PATCHES:
        for key, engine, figure, _ in ENGINES:
            sel = [r for r in runs if r["patch"] == patch and r["engine"] == engine and r["ok"] == "1"]
            if figure == "inproc":
                sel = [r for r in sel if r.get("inproc_s")]
                if patch == "P4" or not sel:
                    continue
                vals = [float(r["inproc_s"]) for r in sel]
                rss = tree = None
            else:
                if not sel:
                    continue
                vals = [float(r["wall_s"]) for r in sel]
                rss = statistics.median(float(r["maxrss_kb"]) for r in sel) / 1024
                tree = statistics.median(max(float(r["tree_kb"]), float(r["maxrss_kb"])) for r in sel) / 1024
            rows[(patch, key)] = dict(wall=statistics.median(vals), lo=min(vals), hi=max(vals), n=len(vals),
                                      audio=float(sel[0]["audio_s"]), rss=rss, tree=tree)
    failed = [r for r in runs if r["ok"] != "1"]

    header = ["patch", "engine", "runs", "seconds (median)", "min-max", "spread (min, max vs median)", "real-time factor",
              "peak RSS MB (largest process)", "peak RSS MB (all processes)",
              "Riffcode CLI ÷ engine", "Riffcode in-process ÷ engine"]
    table, csv_rows = [], []
    for patch, _ in PATCHES:
        cli = rows.get((patch, "riffcode"))
        inp = rows.get((patch, "riffcode-inproc"))
        for key, _, figure, _ in ENGINES:
            r = rows.get((patch, key))
            if r is None:
                continue
            rtf = r["audio"] / r["wall"] if r["wall"] > 0 else None
            # whole process vs whole process, render vs render
            ratio_cli = cli["wall"] / r["wall"] if cli and figure == "wall" and key != "riffcode" else None
            ratio_inp = inp["wall"] / r["wall"] if inp and figure == "inproc" and key != "riffcode-inproc" else None
            table.append([patch, SHORT[key], str(r["n"]), fmt(r["wall"]), "%s–%s" % (fmt(r["lo"]), fmt(r["hi"])),
                          fmt_spread(r), fmt_rtf(rtf), fmt(r["rss"], 0) if r["rss"] is not None else "n/a",
                          fmt(r["tree"], 0) if r["tree"] is not None else "n/a",
                          (fmt(ratio_cli, 2) + "x") if ratio_cli else "-",
                          (fmt(ratio_inp, 2) + "x") if ratio_inp else "-"])
            csv_rows.append([patch, key, "whole process" if figure == "wall" else "render only", r["n"],
                             "%.4f" % r["wall"], "%.4f" % r["lo"], "%.4f" % r["hi"],
                             "%.1f" % (100 * (r["lo"] / r["wall"] - 1)) if r["wall"] > 0 else "",
                             "%.1f" % (100 * (r["hi"] / r["wall"] - 1)) if r["wall"] > 0 else "", "%g" % r["audio"],
                             "%.4g" % rtf if rtf else "",
                             "%.1f" % r["rss"] if r["rss"] is not None else "",
                             "%.1f" % r["tree"] if r["tree"] is not None else "",
                             "%.3f" % ratio_cli if ratio_cli else "", "%.3f" % ratio_inp if ratio_inp else ""])

    widths = [max([len(h)] + [len(t[i]) for t in table]) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for t in table:
        print("  ".join(c.ljust(w) for c, w in zip(t, widths)))
    failed_text = ", ".join("%s/%s rep %s (%s)" % (r["patch"], r["engine"], r["rep"], r["note"]) for r in failed)
    if failed:
        print("\nFAILED runs, left out of the medians: " + failed_text)

    with open(outdir / "peers.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["patch", "engine", "measures", "runs", "seconds_median", "seconds_min", "seconds_max",
                    "spread_min_pct", "spread_max_pct",
                    "audio_seconds", "realtime_factor", "peak_rss_mb_largest_process",
                    "peak_rss_mb_all_processes", "riffcode_cli_over_engine", "riffcode_inproc_over_engine"])
        w.writerows(csv_rows)

    def med(engine, col):
        vals = [float(r[col]) for r in runs if r["engine"] == engine and r["ok"] == "1" and r.get(col)]
        return statistics.median(vals) if vals else None

    cold = med("riffcode-inproc", "cold_ms")
    scripts = []
    for patch, _ in PATCHES:
        vals = [float(r["script_ms"]) for r in runs
                if r["patch"] == patch and r["engine"] == "riffcode-inproc" and r["ok"] == "1" and r.get("script_ms")]
        if vals:
            scripts.append("%s %.0f ms" % (patch, statistics.median(vals)))

    md = ["# Riffcode vs Csound vs ChucK: offline render benchmark", "",
          "Made by `bench/peers.sh` (see `bench/README.md`); every single run is in `peers-runs.csv`, "
          "this table in `peers.csv`, the chart in `peers.png`.", "",
          "## Machine", "", "```", machine, "```", "",
          "## Patches (the same in every engine: `bench/peers/`)", ""]
    md += ["- **%s**: %s" % p for p in PATCHES]
    md += ["", "## Engines and figures", ""]
    md += ["- **%s**: %s" % (SHORT[k], d) for k, _, _, d in ENGINES]
    md += ["", "## Results (medians of %d repetitions)" % reps, "",
           "| " + " | ".join(header) + " |",
           "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    md += ["| " + " | ".join(t) + " |" for t in table]
    md += ["",
           "Spread = the fastest and the slowest run against the median, in percent: each run is a separate "
           "process (a new JVM for Riffcode), so it shows how much one launch differs from the next. "
           "Real-time factor = seconds of audio / seconds taken (P4 renders 0.01 s of audio, so it measures "
           "start-up). Ratios are Riffcode's time divided by the engine's, whole process against whole "
           "process and render against render: above 1 Riffcode is slower. \"Largest process\" is "
           "`/usr/bin/time %M`; \"all processes\" adds up each process's peak over the run's process tree "
           "(Riffcode runs two JVMs, the app and the sandboxed GraalPy worker; Csound and ChucK one process)."]
    if cold is not None or scripts:
        md += ["", "Riffcode start-up detail (medians, from `./riffcode bench --patch`): sandboxed Python worker "
               "cold start %s ms; script run in the worker (building the score): %s." % (
                   "%.0f" % cold if cold is not None else "n/a", ", ".join(scripts) or "n/a")]
    if failed:
        md += ["", "Failed runs, left out of the medians: " + failed_text]
    (outdir / "peers.md").write_text("\n".join(md) + "\n")

    # gnuplot data, one line per patch: the six times, then the six all-process RSS ("?" = none)
    with open(plot_path, "w") as f:
        for patch, _ in PATCHES:
            walls = [rows.get((patch, k), {}).get("wall") for k, _, _, _ in ENGINES]
            mems = [rows.get((patch, k), {}).get("tree") for k, _, _, _ in ENGINES]
            f.write(patch + " " + " ".join("%.5f" % v if v else "?" for v in walls) + " "
                    + " ".join("%.1f" % v if v else "?" for v in mems) + "\n")


if __name__ == "__main__":
    main()
