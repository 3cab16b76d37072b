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
    }

    /// The start offset of every occurrence of every keyword (by id), ascending.
    func occurrences(in text: UnsafeRawBufferPointer) -> [[Int]] {
        var found = [[Int]](repeating: [], count: keywords.count)
        guard let bytes = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return found }
        transitions.withUnsafeBufferPointer { next in
            byteClass.withUnsafeBufferPointer { classOf in
                var row: Int32 = 0
                for i in 0..<text.count {
                    let to = next[Int(row) &+ Int(classOf[Int(bytes[i])])]
                    guard to < 0 else {
                        row = to
                        continue
                    }
                    // The root's row is 0 and the root ends nothing: a negative row is a state with endings.
                    row = -to
                    for id in endings[Int(row) / classes] {
                        found[Int(id)].append(i + 1 - keywords[Int(id)].count)
                    }
                }
            }
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
