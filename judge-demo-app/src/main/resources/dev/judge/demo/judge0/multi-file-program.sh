# Judge0's "Multi-file program" (language 89): the submission is its additional_files archive, whose
# scripts compile (optionally) and run it. As Judge0's isolate_job.rb picks them: compile.sh, else compile,
# else nothing to compile; run.sh, else run. Each runs under bash in the work dir; its exit status is
# the step's. Without a run script bash reports the missing run.sh (exit code 127), as in Judge0.
case "$1" in
    compile)
        for script in compile.sh compile; do
            if [ -f "$script" ]; then exec /bin/bash "$script"; fi
        done
        exit 0
        ;;
    run)
        for script in run.sh run; do
            if [ -f "$script" ]; then exec /bin/bash "$script"; fi
        done
        exec /bin/bash run.sh
        ;;
esac
echo "usage: $0 compile|run" >&2
exit 2
