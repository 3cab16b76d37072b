import Yams

/// Finds keys a rule file does not allow, with a did-you-mean; reused for other YAML files.
public struct KeyChecker {
    let file: String

    func check(_ node: Node) -> [RuleProblem] {
        guard let mapping = node.mapping else {
            return [RuleProblem(file: file, line: node.mark?.line, message: "a rule file must be a YAML mapping")]
        }
        var problems = unknown(in: mapping, allowed: RuleLoader.topLevelKeys, prefix: "")
        if let message = mapping["message"]?.mapping {
            problems += unknown(in: message, allowed: ["en", "es"], prefix: "message.")
        }
        if let check = mapping["check"]?.mapping {
            let primitive = check["primitive"]?.string.flatMap(Check.Primitive.init(rawValue:))
            if let primitive {
                problems += unknown(in: check, allowed: primitive.keys, prefix: "check.")
            } else {
                let name = check["primitive"]?.string ?? ""
                let known = Check.Primitive.allCases.map(\.rawValue)
                let hint = Self.suggestion(for: name, among: Set(known)).map { " (did you mean '\($0)'?)" } ?? ""
                problems.append(
                    RuleProblem(
                        file: file, line: check.first { $0.key.string == "primitive" }?.key.mark?.line,
                        message: "unknown primitive '\(name)'\(hint); known: \(known.joined(separator: ", "))"))
            }
        }
        return problems
    }

    private func unknown(in mapping: Node.Mapping, allowed: Set<String>, prefix: String) -> [RuleProblem] {
        mapping.keys.compactMap { key in
            guard let name = key.string, !allowed.contains(name) else { return nil }
            let hint = Self.suggestion(for: name, among: allowed).map { " (did you mean '\(prefix)\($0)'?)" } ?? ""
            return RuleProblem(file: file, line: key.mark?.line, message: "unknown key '\(prefix)\(name)'\(hint)")
        }
    }

    /// The closest allowed key within an edit distance of 2.
    public static func suggestion(for name: String, among allowed: Set<String>) -> String? {
        var best: (key: String, distance: Int)?
        for key in allowed.sorted() {
            let d = distance(name, key)
            if d <= 2 && d < (best?.distance ?? Int.max) { best = (key, d) }
        }
        return best?.key
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
