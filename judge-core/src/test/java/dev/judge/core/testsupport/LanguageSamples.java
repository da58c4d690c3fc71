package dev.judge.core.testsupport;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Three programs per default language: hello world, A+B read from stdin, and a source its compiler (or
 * check step) refuses. The sandboxes' language tests judge each of them.
 */
public final class LanguageSamples {

    /** What every hello world prints. */
    public static final String HELLO = "Hello, World!\n";

    /**
     * The programs of one language.
     *
     * @param hello         prints {@link #HELLO}
     * @param aPlusB        reads two integers from one line of stdin and prints their sum
     * @param compileError  a source the compile or check step refuses
     * @param errorFragment a piece of the compiler's message about {@code compileError}
     */
    public record Sample(String hello, String aPlusB, String compileError, String errorFragment) {
    }

    private static final Map<String, Sample> SAMPLES = new TreeMap<>();

    static {
        add("c", """
                #include <stdio.h>
                int main(void) { puts("Hello, World!"); return 0; }
                """, """
                #include <stdio.h>
                int main(void) { long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a + b); return 0; }
                """, "int main(void) { return undeclaredThing; }\n", "undeclaredThing");
        add("cpp", """
                #include <iostream>
                int main() { std::cout << "Hello, World!" << std::endl; }
                """, """
                #include <iostream>
                int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }
                """, "int main() { return undeclaredThing; }\n", "undeclaredThing");
        add("java", """
                public class Main {
                    public static void main(String[] args) { System.out.println("Hello, World!"); }
                }
                """, """
                import java.util.Scanner;
                public class Main {
                    public static void main(String[] args) {
                        Scanner in = new Scanner(System.in);
                        System.out.println(in.nextLong() + in.nextLong());
                    }
                }
                """, """
                public class Main {
                    public static void main(String[] args) { System.out.println(undeclaredThing); }
                }
                """, "undeclaredThing");
        add("python3", "print(\"Hello, World!\")\n", """
                a, b = map(int, input().split())
                print(a + b)
                """, "def broken(:\n    pass\n", "SyntaxError");
        add("javascript", "console.log(\"Hello, World!\");\n", """
                const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);
                console.log(a + b);
                """, "function broken( {\n", "SyntaxError");
        add("rust", """
                fn main() { println!("Hello, World!"); }
                """, """
                use std::io::Read;
                fn main() {
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s).unwrap();
                    let sum: i64 = s.split_whitespace().map(|x| x.parse::<i64>().unwrap()).sum();
                    println!("{}", sum);
                }
                """, "fn main() { println!(\"{}\", undeclared_thing); }\n", "undeclared_thing");
        add("go", """
                package main

                import "fmt"

                func main() { fmt.Println("Hello, World!") }
                """, """
                package main

                import "fmt"

                func main() {
                \tvar a, b int64
                \tfmt.Scan(&a, &b)
                \tfmt.Println(a + b)
                }
                """, """
                package main

                import "fmt"

                func main() { fmt.Println(undeclaredThing) }
                """, "undeclaredThing");
        add("ruby", "puts \"Hello, World!\"\n", """
                a, b = gets.split.map(&:to_i)
                puts a + b
                """, "def broken(\n  puts \"never\"\n", "syntax error");
        add("php", """
                <?php
                echo "Hello, World!\\n";
                """, """
                <?php
                [$a, $b] = array_map('intval', preg_split('/\\s+/', trim(fgets(STDIN))));
                echo $a + $b, "\\n";
                """, "<?php\necho \"never\" + ;\n", "syntax error");
        add("csharp", """
                using System;
                public class Program {
                    public static void Main() { Console.WriteLine("Hello, World!"); }
                }
                """, """
                using System;
                public class Program {
                    public static void Main() {
                        string[] parts = Console.ReadLine().Split(new[] {' '}, StringSplitOptions.RemoveEmptyEntries);
                        Console.WriteLine(long.Parse(parts[0]) + long.Parse(parts[1]));
                    }
                }
                """, """
                public class Program {
                    public static void Main() { System.Console.WriteLine(undeclaredThing); }
                }
                """, "undeclaredThing");
        add("kotlin", """
                fun main() {
                    println("Hello, World!")
                }
                """, """
                fun main() {
                    val (a, b) = readLine()!!.trim().split(" ").filter { it.isNotEmpty() }.map { it.toLong() }
                    println(a + b)
                }
                """, "fun main() {\n    println(undeclaredThing)\n}\n", "undeclaredThing");
        add("pascal", """
                program Hello;
                begin
                  writeln('Hello, World!');
                end.
                """, """
                program Sum;
                var a, b: Int64;
                begin
                  readln(a, b);
                  writeln(a + b);
                end.
                """, "program Bad;\nbegin\n  writeln(undeclaredThing);\nend.\n", "undeclaredThing");
        add("haskell", """
                main :: IO ()
                main = putStrLn "Hello, World!"
                """, """
                main :: IO ()
                main = do
                  [a, b] <- map read . words <$> getLine :: IO [Integer]
                  print (a + b)
                """, "main :: IO ()\nmain = putStrLn undeclaredThing\n", "undeclaredThing");
        add("lua", "print(\"Hello, World!\")\n", """
                local a, b = io.read("n", "n")
                print(math.tointeger(a + b))
                """, "print(\"never\"\n", "expected");
        add("perl", "print \"Hello, World!\\n\";\n", """
                my ($a, $b) = split ' ', <STDIN>;
                print $a + $b, "\\n";
                """, "print \"never\" +;\n", "syntax error");
        add("bash", "echo \"Hello, World!\"\n", """
                read -r a b
                echo $((a + b))
                """, "if true; then\n  echo never\n", "syntax error");
        // Debian's TypeScript has no Node typings of its own: the program declares what it uses, in a module
        // so that the declaration also compiles where @types/node is installed.
        add("typescript", "console.log(\"Hello, World!\");\n", """
                declare const require: any;
                const [a, b]: number[] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);
                console.log(a + b);
                export {};
                """, "console.log(undeclaredThing);\n", "undeclaredThing");
    }

    private LanguageSamples() {
    }

    private static void add(String id, String hello, String aPlusB, String compileError, String errorFragment) {
        SAMPLES.put(id, new Sample(hello, aPlusB, compileError, errorFragment));
    }

    /** The samples of language {@code id}, if there are any. */
    public static Optional<Sample> of(String id) {
        return Optional.ofNullable(SAMPLES.get(id));
    }
}
