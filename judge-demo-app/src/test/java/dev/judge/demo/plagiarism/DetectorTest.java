package dev.judge.demo.plagiarism;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Planted copies are found whatever was renamed, reformatted or reordered; independent solutions are not. */
public class DetectorTest {
    /** Shortest paths with a heap, two helper functions. */
    static final String ORIGINAL = """
            #include <bits/stdc++.h>
            using namespace std;
            typedef long long ll;
            const ll INF = 1e18;
            vector<pair<int, ll>> adj[200005];
            ll dist[200005];

            void readGraph(int m) {
                for (int i = 0; i < m; i++) {
                    int u, v; ll w;
                    scanf("%d %d %lld", &u, &v, &w);
                    adj[u].push_back({v, w});
                    adj[v].push_back({u, w});
                }
            }

            void dijkstra(int n, int src) {
                for (int i = 1; i <= n; i++) dist[i] = INF;
                priority_queue<pair<ll, int>, vector<pair<ll, int>>, greater<pair<ll, int>>> pq;
                dist[src] = 0;
                pq.push({0, src});
                while (!pq.empty()) {
                    auto [d, u] = pq.top();
                    pq.pop();
                    if (d > dist[u]) continue;
                    for (auto &e : adj[u]) {
                        if (dist[u] + e.second < dist[e.first]) {
                            dist[e.first] = dist[u] + e.second;
                            pq.push({dist[e.first], e.first});
                        }
                    }
                }
            }

            int main() {
                int n, m;
                scanf("%d %d", &n, &m);
                readGraph(m);
                dijkstra(n, 1);
                for (int i = 1; i <= n; i++) {
                    if (dist[i] == INF) printf("-1 ");
                    else printf("%lld ", dist[i]);
                }
                printf("\\n");
                return 0;
            }
            """;
    /** The same program: names changed, another layout, comments, the two functions swapped, constants changed. */
    static final String DISGUISED = """
            #include <bits/stdc++.h>
            using namespace std;
            typedef long long ll;
            const ll BIG = 4e18; // infinity
            vector<pair<int, ll>> graph[300000];
            ll best[300000];

            /* shortest paths from the source */
            void shortest(int count, int start)
            {
                for (int k = 1; k <= count; k++) best[k] = BIG;
                priority_queue<pair<ll, int>, vector<pair<ll, int>>, greater<pair<ll, int>>> heap;
                best[start] = 0;
                heap.push({0, start});
                while (!heap.empty())
                {
                    auto [cost, node] = heap.top();
                    heap.pop();
                    if (cost > best[node]) continue;
                    for (auto &edge : graph[node])
                    {
                        if (best[node] + edge.second < best[edge.first])
                        {
                            best[edge.first] = best[node] + edge.second;
                            heap.push({best[edge.first], edge.first});
                        }
                    }
                }
            }

            void load(int edges)
            {
                for (int j = 0; j < edges; j++)
                {
                    int a, b; ll c;
                    scanf("%d %d %lld", &a, &b, &c);
                    graph[a].push_back({b, c});
                    graph[b].push_back({a, c});
                }
            }

            int main()
            {
                int vertices, edges;
                scanf("%d %d", &vertices, &edges);
                load(edges);
                shortest(vertices, 1);
                for (int k = 1; k <= vertices; k++)
                {
                    if (best[k] == BIG) printf("-1 ");
                    else printf("%lld ", best[k]);
                }
                printf("\\n");
                return 0;
            }
            """;
    /** The same problem solved independently: a dense O(n²) Dijkstra over a matrix, different structure. */
    static final String INDEPENDENT_DENSE = """
            #include <cstdio>
            #include <cstring>
            long long g[505][505], d[505];
            bool used[505];
            int main() {
                int n, m;
                if (scanf("%d%d", &n, &m) != 2) return 0;
                memset(g, 0x3f, sizeof g);
                while (m--) {
                    int a, b; long long c;
                    scanf("%d%d%lld", &a, &b, &c);
                    if (c < g[a][b]) g[a][b] = g[b][a] = c;
                }
                memset(d, 0x3f, sizeof d);
                d[1] = 0;
                for (int it = 0; it < n; it++) {
                    int v = -1;
                    for (int j = 1; j <= n; j++)
                        if (!used[j] && (v == -1 || d[j] < d[v])) v = j;
                    used[v] = true;
                    for (int j = 1; j <= n; j++)
                        if (d[v] + g[v][j] < d[j]) d[j] = d[v] + g[v][j];
                }
                const long long INF = 0x3f3f3f3f3f3f3f3fLL;
                for (int j = 1; j <= n; j++) printf("%lld%c", d[j] >= INF ? -1 : d[j], j == n ? '\\n' : ' ');
            }
            """;
    /** Also independent: Bellman-Ford over an edge list, written in its own style. */
    static final String INDEPENDENT_BELLMAN = """
            #include <iostream>
            #include <vector>
            #include <tuple>
            using namespace std;
            int main() {
                ios::sync_with_stdio(false);
                int n, m;
                cin >> n >> m;
                vector<tuple<int, int, long long>> edges;
                for (int i = 0; i < m; ++i) {
                    int a, b; long long w;
                    cin >> a >> b >> w;
                    edges.emplace_back(a, b, w);
                    edges.emplace_back(b, a, w);
                }
                const long long INF = (long long) 4e18;
                vector<long long> dist(n + 1, INF);
                dist[1] = 0;
                for (int round = 1; round < n; ++round) {
                    bool changed = false;
                    for (const auto &[a, b, w] : edges) {
                        if (dist[a] != INF && dist[a] + w < dist[b]) {
                            dist[b] = dist[a] + w;
                            changed = true;
                        }
                    }
                    if (!changed) break;
                }
                for (int v = 1; v <= n; ++v) cout << (dist[v] == INF ? -1 : dist[v]) << (v == n ? '\\n' : ' ');
                return 0;
            }
            """;
    public static final String PYTHON = """
            import sys
            from heapq import heappush, heappop

            def solve(count, graph):
                # shortest paths from vertex 1
                dist = [None] * (count + 1)
                heap = [(0, 1)]
                while heap:
                    d, u = heappop(heap)
                    if dist[u] is not None:
                        continue
                    dist[u] = d
                    for v, w in graph[u]:
                        if dist[v] is None:
                            heappush(heap, (d + w, v))
                return dist

            def main():
                data = sys.stdin.read().split()
                n, m = int(data[0]), int(data[1])
                graph = [[] for _ in range(n + 1)]
                for i in range(m):
                    a, b, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
                    graph[a].append((b, w))
                    graph[b].append((a, w))
                dist = solve(n, graph)
                print(" ".join(str(-1 if x is None else x) for x in dist[1:]))

            main()
            """;
    /** The Python program copied: renamed, comment gone, a docstring and a blank-line layout of its own. */
    public static final String PYTHON_COPY = """
            import sys
            from heapq import heappush, heappop
            def run():
                tokens = sys.stdin.read().split()
                size, edges = int(tokens[0]), int(tokens[1])
                adj = [[] for _ in range(size + 1)]
                for k in range(edges):
                    x, y, c = int(tokens[2 + 3 * k]), int(tokens[3 + 3 * k]), int(tokens[4 + 3 * k])
                    adj[x].append((y, c))
                    adj[y].append((x, c))
                best = paths(size, adj)
                print(" ".join(str(-1 if q is None else q) for q in best[1:]))
            def paths(total, adj):
                \"\"\"Dijkstra.\"\"\"
                best = [None] * (total + 1)
                pq = [(0, 1)]
                while pq:
                    cost, node = heappop(pq)
                    if best[node] is not None:
                        continue
                    best[node] = cost
                    for nxt, c in adj[node]:
                        if best[nxt] is None:
                            heappush(pq, (cost + c, nxt))
                return best
            run()
            """;

    private static List<SimilarPair> detect() {
        List<Document> docs = new ArrayList<>();
        docs.add(Document.of("s1", "ada", "cpp", ORIGINAL));
        docs.add(Document.of("s2", "bob", "cpp", DISGUISED));
        docs.add(Document.of("s3", "cyd", "cpp", INDEPENDENT_DENSE));
        docs.add(Document.of("s4", "dee", "cpp", INDEPENDENT_BELLMAN));
        docs.add(Document.of("s5", "eve", "python3", PYTHON));
        docs.add(Document.of("s6", "fay", "python3", PYTHON_COPY));
        docs.add(Document.of("s7", "ada", "cpp", ORIGINAL.replace("printf(\"-1 \")", "printf(\"%d \", -1)")));
        return Detector.pairs(docs, 100);
    }

    private static Optional<SimilarPair> pair(List<SimilarPair> pairs, String x, String y) {
        return pairs.stream().filter(p -> Set.of(p.a().submissionId(), p.b().submissionId()).equals(Set.of(x, y)))
                .findFirst();
    }

    @Test
    void aRenamedReformattedReorderedCopyIsTheTopPair() {
        List<SimilarPair> pairs = detect();
        SimilarPair copy = pair(pairs, "s1", "s2").orElseThrow();
        assertThat(copy.similarity()).as("%s", copy).isGreaterThan(0.8);
        assertThat(pairs.get(0).similarity()).isGreaterThanOrEqualTo(copy.similarity());
        // the matching passages are shown side by side: dijkstra (lines 17-33) in s1 is shortest (lines 9-28) in s2
        assertThat(copy.regions()).anySatisfy(r -> {
            SimilarPair.Region inA = copy.a().submissionId().equals("s1") ? r
                    : new SimilarPair.Region(r.bFrom(), r.bTo(), r.aFrom(), r.aTo());
            assertThat(inA.aFrom()).isBetween(16, 20);
            assertThat(inA.bFrom()).isBetween(8, 12);
            assertThat(inA.aTo() - inA.aFrom()).isGreaterThan(8);
        });
    }

    @Test
    void aPythonCopyWithItsFunctionsSwappedIsFound() {
        SimilarPair copy = pair(detect(), "s5", "s6").orElseThrow();
        assertThat(copy.similarity()).as("%s", copy).isGreaterThan(0.7);
    }

    @Test
    void independentSolutionsOfTheSameProblemDoNotMatch() {
        List<SimilarPair> pairs = detect();
        for (String[] p : new String[][] {{"s1", "s3"}, {"s1", "s4"}, {"s3", "s4"}, {"s2", "s3"}, {"s2", "s4"}}) {
            assertThat(pair(pairs, p[0], p[1]).map(SimilarPair::similarity).orElse(0.0)).as("%s and %s", p[0], p[1])
                    .isLessThan(0.25);
        }
    }

    @Test
    void anAccountIsNeverPairedWithItselfNorAcrossLexicalFamilies() {
        List<SimilarPair> pairs = detect();
        assertThat(pair(pairs, "s1", "s7")).isEmpty();
        assertThat(pairs).noneMatch(p -> p.a().languageId().startsWith("python") != p.b().languageId()
                .startsWith("python"));
    }

    @Test
    void codeInMoreThanTenDocumentsIsCommonAndIgnored() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            docs.add(Document.of("t" + i, "user" + i, "cpp", ORIGINAL));
        }
        assertThat(Detector.pairs(docs, 100)).as("a template everyone has is no evidence").isEmpty();
    }

    @Test
    void tokensIgnoreNamesLayoutCommentsAndLiterals() {
        List<String> a = Tokenizer.tokens("c", "int x = 42; // answer\nprintf(\"%d\", x);").stream()
                .map(Token::text).toList();
        List<String> b = Tokenizer.tokens("c", "int   total=7;/* other\n*/ printf('q',total) ;").stream()
                .map(Token::text).toList();
        assertThat(a).isEqualTo(b).containsExactly("int", "V", "=", "N", ";", "printf", "(", "S", ",", "V", ")", ";");
        List<Token> py = Tokenizer.tokens("python3", "x = 1 # c\n'''doc\nmore'''\ny = x // 2\n");
        assertThat(py).extracting(Token::text).containsExactly("V", "=", "N", "S", "V", "=", "V", "//", "N");
        assertThat(py.get(py.size() - 1).line()).isEqualTo(4);
    }
}
