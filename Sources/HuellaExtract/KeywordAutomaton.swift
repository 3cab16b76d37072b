import HuellaCore

/// Finds every occurrence of many byte strings in one pass over a text (an Aho–Corasick
/// automaton, made a full table of transitions). The extractors ask a page for about two
/// hundred keywords; searching for each on its own read the page's text two hundred times.
final class KeywordAutomaton: Sendable {
    /// The keywords, by id.
    let keywords: [[UInt8]]
    /// Byte → its class: bytes no keyword holds share class 0.
    private let byteClass: [UInt8]
    private let classes: Int
    /// `row + class` → the next state's row (`state * classes`; row 0 is the root's), negated
    /// when keywords end at that state: one load per byte decides both.
    private let transitions: [Int32]
    /// Per state, the keywords that end there (its own and those along its suffix links).
    private let endings: [[Int32]]
    /// The longest keyword's length.
    private let longest: Int

    init(keywords: [[UInt8]]) {
        self.keywords = keywords
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for keyword in keywords {
            for byte in keyword where byteClass[Int(byte)] == 0 {
                byteClass[Int(byte)] = UInt8(classes)
                classes += 1
            }
        }
        precondition(classes <= 256)
        // The trie, with -1 for a missing edge.
        var edges: [Int32] = Array(repeating: -1, count: classes)
        var endings: [[Int32]] = [[]]
        for (id, keyword) in keywords.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let slot = state * classes + Int(byteClass[Int(byte)])
                if edges[slot] < 0 {
                    edges[slot] = Int32(endings.count)
                    endings.append([])
                    edges.append(contentsOf: repeatElement(-1, count: classes))
                }
                state = Int(edges[slot])
            }
            endings[state].append(Int32(id))
        }
        // Breadth first: each state's missing edges are its suffix state's edges, and it also
        // ends the keywords its suffix state ends.
        var suffix = [Int32](repeating: 0, count: endings.count)
        var queue: [Int] = []
        for c in 0..<classes {
            let child = edges[c]
            if child < 0 { edges[c] = 0 } else { queue.append(Int(child)) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            endings[state] += endings[Int(suffix[state])]
            for c in 0..<classes {
                let slot = state * classes + c
                let child = edges[slot]
                let fallback = edges[Int(suffix[state]) * classes + c]
                if child < 0 {
                    edges[slot] = fallback
                } else {
                    suffix[Int(child)] = fallback
                    queue.append(Int(child))
                }
            }
        }
        precondition(endings.count * classes <= Int(Int32.max))
        self.byteClass = byteClass
        self.classes = classes
        transitions = edges.map { next in
            let row = next * Int32(classes)
            return endings[Int(next)].isEmpty ? row : -row
        }
        self.endings = endings
        longest = keywords.map(\.count).max() ?? 0
    }

    /// The start offset of every occurrence of every keyword (by id), ascending.
    ///
    /// The text is read as four quarters side by side: each byte's step waits for the step
    /// before it (a load from the table, whose result says where the next load is), so one scan
    /// leaves the core waiting; four independent ones, stepped together, overlap their waits. A
    /// quarter is read from the root at its first byte, and past its end by the longest
    /// keyword's length less one, to finish the occurrences that start in it; an occurrence
    /// that starts past its end is the next quarter's. `lanes: 1` reads the text in one scan.
    func occurrences(in text: UnsafeRawBufferPointer, lanes: Int = 4) -> [[Int]] {
        var found = [[Int]](repeating: [], count: keywords.count)
        guard let bytes = text.baseAddress?.assumingMemoryBound(to: UInt8.self), !text.isEmpty else { return found }
        let n = text.count
        let lanes = max(1, min(lanes, 4))
        // Per lane: where its starts begin and end, and where its reading ends.
        let starts = (0...4).map { $0 >= lanes ? n : $0 * n / lanes }
        let ends = (0..<4).map { min(n, starts[$0 + 1] + longest - 1) }
        var hits: [[(id: Int32, at: Int)]] = [[], [], [], []]
        transitions.withUnsafeBufferPointer { next in
            byteClass.withUnsafeBufferPointer { classOf in
                // A state with endings: records the occurrences ending at `i` that start in lane `lane`.
                func record(_ row: Int32, _ i: Int, _ lane: Int) {
                    for id in endings[Int(row) / classes] {
                        let at = i + 1 - keywords[Int(id)].count
                        if at < starts[lane + 1] { hits[lane].append((id, at)) }
                    }
                }
                var rows: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
                var at = (starts[0], starts[1], starts[2], starts[3])
                // All four together while each has bytes left to read.
                let together = (0..<4).map { ends[$0] - starts[$0] }.min()!
                for _ in 0..<(lanes == 4 ? together : 0) {
                    let to0 = next[Int(rows.0) &+ Int(classOf[Int(bytes[at.0])])]
                    let to1 = next[Int(rows.1) &+ Int(classOf[Int(bytes[at.1])])]
                    let to2 = next[Int(rows.2) &+ Int(classOf[Int(bytes[at.2])])]
                    let to3 = next[Int(rows.3) &+ Int(classOf[Int(bytes[at.3])])]
                    // The root's row is 0 and the root ends nothing: a negative row is a state with endings.
                    rows = (abs(to0), abs(to1), abs(to2), abs(to3))
                    if (to0 | to1 | to2 | to3) < 0 {
                        if to0 < 0 { record(rows.0, at.0, 0) }
                        if to1 < 0 { record(rows.1, at.1, 1) }
                        if to2 < 0 { record(rows.2, at.2, 2) }
                        if to3 < 0 { record(rows.3, at.3, 3) }
                    }
                    at = (at.0 + 1, at.1 + 1, at.2 + 1, at.3 + 1)
                }
                // Each lane's rest on its own.
                for lane in 0..<lanes {
                    var row = [rows.0, rows.1, rows.2, rows.3][lane]
                    var i = [at.0, at.1, at.2, at.3][lane]
                    while i < ends[lane] {
                        let to = next[Int(row) &+ Int(classOf[Int(bytes[i])])]
                        row = abs(to)
                        if to < 0 { record(row, i, lane) }
                        i += 1
                    }
                }
            }
        }
        for lane in hits {
            for (id, at) in lane { found[Int(id)].append(at) }
        }
        return found
    }

    /// The automaton for every keyword the extractors have asked for so far, shared by all
    /// pages: a keyword it does not know yet is searched for on its own and joins the next one.
    static func current(adding pending: [String: [UInt8]] = [:]) -> (automaton: KeywordAutomaton, ids: [String: Int]) {
        shared.withLock { state in
            // The extractors' keywords are constants, a few hundred; past the cap (a caller
            // with keywords made from data) new ones are searched for alone, as before.
            let new = state.bytes.count >= maxKeywords ? [:] : pending.filter { state.ids[$0.key] == nil }
            if !new.isEmpty {
                for (keyword, bytes) in new.sorted(by: { $0.key < $1.key }) {
                    state.ids[keyword] = state.bytes.count
                    state.bytes.append(bytes)
                }
                state.automaton = KeywordAutomaton(keywords: state.bytes)
            }
            return (state.automaton, state.ids)
        }
    }

    private struct Shared {
        var bytes: [[UInt8]] = []
        var ids: [String: Int] = [:]
        var automaton = KeywordAutomaton(keywords: [])
    }

    private static let shared = Locked(Shared())
    static let maxKeywords = 4096
}
