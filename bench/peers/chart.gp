# peers.png from the data report.py writes. Used by peers.sh:
#   gnuplot -e "dat='plot.dat'; png='peers.png'; heading='...'" bench/peers/chart.gp
# Data, one line per patch: name, then seconds of Riffcode CLI, Riffcode CLI with a warm service,
# Riffcode in-process, Csound, Csound in-process, ChucK, then all-process peak RSS (MB) in the
# same order ("?" = none).
set terminal pngcairo size 1500,650 font "sans,10"
set output png
set datafile missing "?"
set multiplot layout 1,2 title heading
set style data histogram
set style histogram cluster gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set grid ytics
set key top left Left reverse
set xtics scale 0
set title "Seconds (log scale; lower is better)\nP1 sine 60 s, P2 64 saws + LPF 60 s, P3 240 notes 60 s, P4 start-up + 0.01 s render"
set ylabel "seconds"
set yrange [0.01:300]
plot dat using 2:xtic(1) title "Riffcode CLI (whole process)" lc rgb "#d62728", \
     "" using 3 title "Riffcode CLI, warm service (whole client process)" lc rgb "#9467bd", \
     "" using 4 title "Riffcode in-process render" lc rgb "#ff9896", \
     "" using 5 title "Csound (whole process)" lc rgb "#1f77b4", \
     "" using 6 title "Csound in-process (its own timing)" lc rgb "#aec7e8", \
     "" using 7 title "ChucK (whole process)" lc rgb "#2ca02c", \
     "" using ($0-5/12.):2:(sprintf("%.2f",$2)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0-3/12.):3:(sprintf("%.2f",$3)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0-1/12.):4:(sprintf("%.2f",$4)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0+1/12.):5:(sprintf("%.2f",$5)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0+3/12.):6:(sprintf("%.2f",$6)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0+5/12.):7:(sprintf("%.2f",$7)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle
set title "Peak memory of the run, all its processes (log scale; lower is better)"
set ylabel "MB"
set yrange [1:5000]
plot dat using 8:xtic(1) title "Riffcode CLI (app JVM + Python worker JVM)" lc rgb "#d62728", \
     "" using 9 title "Riffcode CLI, warm service (client only)" lc rgb "#9467bd", \
     "" using 11 title "Csound" lc rgb "#1f77b4", \
     "" using 13 title "ChucK" lc rgb "#2ca02c", \
     "" using ($0-0.3):8:(sprintf("%.0f",$8)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0-0.1):9:(sprintf("%.0f",$9)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0+0.1):11:(sprintf("%.0f",$11)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle, \
     "" using ($0+0.3):13:(sprintf("%.0f",$13)) with labels rotate by 90 left offset 0,0.3 font ",8" notitle
unset multiplot
