package dev.judge.core.problem;

/** The problem package formats the reader knows, as it detected them. */
public enum PackageFormat {
    /** Kattis problem package format before {@code problem_format_version} (problemtools' "legacy"). */
    KATTIS_LEGACY,
    /** Kattis problem package format {@code 2023-07} (and {@code 2023-07-draft}). */
    KATTIS_2023_07,
    /** DOMjudge problem zip: {@code domjudge-problem.ini} beside the Kattis layout. */
    DOMJUDGE,
    /** Polygon (Codeforces) package: {@code problem.xml}, {@code tests/}, {@code files/}. */
    POLYGON,
    /** DMOJ problem: {@code init.yml} and its test archive. */
    DMOJ
}
