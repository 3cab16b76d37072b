import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaKit

#if canImport(Glibc)
    import Glibc
#endif

/// Benchmarks that print figures (run by `benchmarks/*.sh`, not by the tests):
///   huella-bench extract DIR [ROUNDS]
///   huella-bench parse DIR [ROUNDS]     (run with HUELLA_XML_ARENA=off: libxml2 as shipped)
///   huella-bench paired DIR [ROUNDS]
///   huella-bench fetch URLS.txt --connect-to … [--concurrency N] [--delay S] [--per-host N]
@main
enum BenchMain {
    static func main() async {
        let args = Array(CommandLine.arguments.dropFirst())
        switch args.first {
        case "extract": extract(Array(args.dropFirst()))
        case "stages": stages(Array(args.dropFirst()))
        case "paired": paired(Array(args.dropFirst()))
        case "parse": parse(Array(args.dropFirst()))
        case "fetch": await fetch(Array(args.dropFirst()))
        case "claims": claims(Array(args.dropFirst()))
        case "site-pages": sitePages(Array(args.dropFirst()))
        default:
            FileHandle.standardError.write(Data("usage: huella-bench extract DIR [ROUNDS] | stages DIR [ROUNDS] | paired DIR [ROUNDS] | parse DIR [ROUNDS] | fetch URLS --connect-to SPEC [--concurrency N] [--delay S] [--per-host N] | claims website|profile FILE... | site-pages FILE...\n".utf8))
            exit(2)
        }
    }

    /// The extractor `huella` runs, with the shipped skills vocabulary and profile hosts. A
    /// bench without them would measure (and compare) less than huella does: a copy of the
    /// binary outside the build tree finds them through `HUELLA_HOME`, or stops here.
    static func shippedExtractor() -> PageExtractor {
        func stop(_ problem: String) -> Never {
            FileHandle.standardError.write(Data("huella-bench: \(problem) (set HUELLA_HOME to the checkout)\n".utf8))
            exit(3)
        }
        let (vocabulary, problem) = HuellaResources.skillVocabulary()
        if let problem { stop(problem) }
        do {
            return PageExtractor(vocabulary: vocabulary, hosts: try HuellaResources.profileHosts())
        } catch {
            stop("\(error)")
        }
    }

    /// The pages of a folder, in name order, and their size.
    static func pages(_ dir: String) -> (pages: [Data], megabytes: Double) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".html") }.sorted()
        let pages = files.compactMap { FileManager.default.contents(atPath: "\(dir)/\($0)") }
        return (pages, Double(pages.reduce(0) { $0 + $1.count }) / 1_048_576)
    }

    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The plain libxml2 parse alone, best of the rounds. Run with HUELLA_XML_ARENA=off, it is
    /// libxml2 as any program has it: huella's allocator hooks (which pass to malloc outside an
    /// arena) are not installed, and their cost (about 3 %) is not counted against the baseline.
    static func parse(_ args: [String]) {
        guard let dir = args.first else { exit(2) }
        let rounds = args.count > 1 ? Int(args[1]) ?? 3 : 3
        let (pages, mb) = pages(dir)
        var parse = Double.infinity
        for _ in 0..<max(rounds, 1) {
            parse = min(parse, seconds { for page in pages { _ = PlainParse.parse(page, contentType: "text/html; charset=utf-8") } })
        }
        let hooks = ProcessInfo.processInfo.environment["HUELLA_XML_ARENA"] == "off" ? "libxml2 as shipped" : "through huella's hooks"
        print(String(format: "plain libxml2 parse:      %7.2f ms/page  %6.1f MB/s  (%@)", parse * 1000 / Double(pages.count), mb / parse, hooks))
    }

    /// Extraction throughput over a folder of pages, next to a plain libxml2 parse of the same
    /// pages in the same process (libxml2's memory from malloc, through huella's hooks), and
    /// next to huella's parse alone (in an arena).
    static func extract(_ args: [String]) {
        guard let dir = args.first else { exit(2) }
        let rounds = args.count > 1 ? Int(args[1]) ?? 3 : 3
        let (pages, mb) = pages(dir)
        let extractor = shippedExtractor()
        var claims = 0
        // The three in turns, round after round, each timed at its best: a machine whose load
        // changes during the run slows all alike, not whichever ran last.
        var parse = Double.infinity
        var arenaParse = Double.infinity
        var full = Double.infinity
        for _ in 0..<max(rounds, 1) {
            parse = min(parse, seconds { for page in pages { _ = PlainParse.parse(page, contentType: "text/html; charset=utf-8") } })
            arenaParse = min(arenaParse, seconds { for page in pages { _ = PlainParse.parse(page, contentType: "text/html; charset=utf-8", inArena: true) } })
            full = min(
                full,
                seconds {
                    claims = 0
                    for page in pages {
                        claims +=
                            extractor.extract(body: page, contentType: "text/html; charset=utf-8", url: "https://bench.test/", origin: .website)
                            .claims.count
                    }
                })
        }
        let n = Double(pages.count)
        print(String(format: "pages %d, %.1f MB, best of %d rounds", pages.count, mb, rounds))
        print(String(format: "plain libxml2 parse:      %7.2f ms/page  %6.1f MB/s  (in process, through huella's hooks)", parse * 1000 / n, mb / parse))
        print(String(format: "huella's parse (arena):   %7.2f ms/page  %6.1f MB/s", arenaParse * 1000 / n, mb / arenaParse))
        print(String(format: "huella parse + extract:   %7.2f ms/page  %6.1f MB/s  (%d claims)", full * 1000 / n, mb / full, claims))
        print(String(format: "ratio to plain parse:     %.2f× its throughput (in process)", parse / full))
    }

    /// The plain parse and huella's extraction timed page by page, in pairs: each page parsed
    /// plainly and extracted one right after the other (which goes first alternates, so that
    /// neither always finds the page's bytes in the cache). A machine whose speed drifts over
    /// seconds (these share their cores) slows both sides of a pair alike, where turns of
    /// whole rounds let one side land in a quiet second and the other not. Prints the ratio
    /// of each round's sums and their median. In one process, the plain parse goes through
    /// huella's allocator hooks (about 3 % dearer than libxml2 as shipped); with
    /// HUELLA_XML_ARENA=off neither side has them, and huella parses on malloc too.
    static func paired(_ args: [String]) {
        guard let dir = args.first else { exit(2) }
        let rounds = args.count > 1 ? Int(args[1]) ?? 5 : 5
        let (pages, _) = pages(dir)
        let extractor = shippedExtractor()
        let contentType = "text/html; charset=utf-8"
        var ratios: [Double] = []
        var best = (plain: Double.infinity, huella: Double.infinity)
        for _ in 0..<max(rounds, 1) {
            var plain = 0.0
            var huella = 0.0
            for (i, page) in pages.enumerated() {
                let parse = { plain += seconds { _ = PlainParse.parse(page, contentType: contentType) } }
                let extract = {
                    huella += seconds { _ = extractor.extract(body: page, contentType: contentType, url: "https://bench.test/", origin: .website) }
                }
                if i % 2 == 0 {
                    parse()
                    extract()
                } else {
                    extract()
                    parse()
                }
            }
            ratios.append(plain / huella)
            best = (min(best.plain, plain), min(best.huella, huella))
        }
        let n = Double(pages.count)
        let sorted = ratios.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let arena = ProcessInfo.processInfo.environment["HUELLA_XML_ARENA"] == "off" ? "no hooks, huella on malloc" : "hooks on, huella in arenas"
        print(String(format: "paired, %d pages × %d rounds (%@)", pages.count, rounds, arena))
        print(String(format: "plain libxml2 parse:      %7.2f ms/page (best round)", best.plain * 1000 / n))
        print(String(format: "huella parse + extract:   %7.2f ms/page (best round)", best.huella * 1000 / n))
        print("ratio per round:          " + ratios.map { String(format: "%.3f", $0) }.joined(separator: " "))
        print(String(format: "median ratio:             %.3f× the plain parse's throughput", median))
    }

    /// Where huella's parse and extraction spend their time over a folder of pages, stage by
    /// stage (`StageClock`), in the round with the best total; "the rest" is what no stage
    /// holds (returning the claims, freeing the page).
    static func stages(_ args: [String]) {
        guard let dir = args.first else { exit(2) }
        let rounds = args.count > 1 ? Int(args[1]) ?? 3 : 3
        let (pages, _) = pages(dir)
        let extractor = shippedExtractor()
        var best: (total: Double, clock: StageClock)?
        for _ in 0..<max(rounds, 1) {
            let clock = StageClock()
            let total = seconds {
                for page in pages {
                    _ = extractor.extract(body: page, contentType: "text/html; charset=utf-8", url: "https://bench.test/", origin: .website, clock: clock)
                }
            }
            if total < best?.total ?? .infinity { best = (total, clock) }
        }
        guard let (total, clock) = best else { return }
        let n = Double(pages.count)
        print(String(format: "pages %d, best of %d rounds: %.2f ms/page", pages.count, rounds, total * 1000 / n))
        let rest = max(0, total - Double(clock.nanoseconds) / 1e9)
        for (name, seconds) in clock.stages.map({ ($0.name, Double($0.nanoseconds) / 1e9) }) + [("the rest", rest)] {
            print(String(format: "  %6.3f ms/page  %5.1f %%  %@", seconds * 1000 / n, 100 * seconds / total, name))
        }
    }

    /// The claims of saved pages, all read by one process as `huella extract --format json`
    /// prints them for one, each after a line "== FILE": for comparing two builds' claims
    /// (state shared between pages, such as the keyword automaton, is then in play).
    static func claims(_ args: [String]) {
        guard let role = args.first, role == "website" || role == "profile" else { exit(2) }
        let extractor = shippedExtractor()
        for file in args.dropFirst() {
            guard let body = FileManager.default.contents(atPath: file) else { exit(3) }
            let extraction = extractor.extract(
                body: body, contentType: nil, url: URL(fileURLWithPath: file).absoluteString, origin: role == "website" ? .website : .profile)
            FileHandle.standardOutput.write(Data("== \(file)\n".utf8))
            FileHandle.standardOutput.write((try? HuellaJSON.encoder(pretty: true).encode(extraction.claims)) ?? Data())
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }

    /// The site pages saved pages link to, each page read as a website at an https URL made
    /// from its path (`…/sites/HOST/PATH` as https://HOST/PATH, any other as
    /// https://bench.test/NAME), after a line "== FILE": for comparing two builds' crawling.
    static func sitePages(_ args: [String]) {
        let extractor = shippedExtractor()
        for file in args {
            guard let body = FileManager.default.contents(atPath: file) else { exit(3) }
            let url = file.range(of: "/sites/").map { "https://" + file[$0.upperBound...] } ?? "https://bench.test/" + URL(fileURLWithPath: file).lastPathComponent
            let extraction = extractor.extract(body: body, contentType: nil, url: url, origin: .website)
            FileHandle.standardOutput.write(Data((["== \(file) as \(url)"] + extraction.sitePages).joined(separator: "\n").utf8 + [0x0A]))
        }
    }

    /// Fetch-phase time of a URL list through huella's fetcher, with the given concurrency and politeness.
    static func fetch(_ args: [String]) async {
        guard let list = args.first, let text = try? String(contentsOfFile: list, encoding: .utf8) else { exit(2) }
        func value(_ flag: String) -> String? { args.firstIndex(of: flag).flatMap { args.indices.contains($0 + 1) ? args[$0 + 1] : nil } }
        let connectTo = args.indices.filter { args[$0] == "--connect-to" && args.indices.contains($0 + 1) }.map { args[$0 + 1] }
        let concurrency = Int(value("--concurrency") ?? "50") ?? 50
        let delay = Double(value("--delay") ?? "0") ?? 0
        let perHost = Int(value("--per-host") ?? "50") ?? 50
        let urls = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var options = FetchOptions(connectTo: connectTo, allowPrivateNetwork: true, maxConcurrentTransfers: concurrency)
        options.totalTimeoutMilliseconds = 60_000
        guard let curl = try? CurlFetcher(options: options) else { exit(3) }
        let fetcher = PoliteFetcher(inner: curl, politeness: Politeness(connectionsPerHost: perHost, delayPerHost: delay, obeyRobots: false, maxRetries: 0))
        let start = DispatchTime.now().uptimeNanoseconds
        var ok = 0
        await withTaskGroup(of: Bool.self) { group in
            var next = 0
            // A window of tasks, not one task per URL, so memory stays flat for any list length;
            // with per-host spacing the window must span many hosts (`--window`), or waiting
            // tasks of a few hosts fill it.
            let window = Int(value("--window") ?? "") ?? max(concurrency * 4, 200)
            while next < min(window, urls.count) {
                let url = urls[next]
                next += 1
                group.addTask { await fetcher.fetch(url).outcome == .ok }
            }
            while let result = await group.next() {
                if result { ok += 1 }
                if next < urls.count {
                    let url = urls[next]
                    next += 1
                    group.addTask { await fetcher.fetch(url).outcome == .ok }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "huella fetch: %d/%d ok in %.2f s (%.0f pages/s), peak RSS %.1f MB", ok, urls.count, seconds, Double(urls.count) / seconds, Double(usage.ru_maxrss) / 1024))
    }
}
