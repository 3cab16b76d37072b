import Foundation
import HuellaCore
import HuellaRules
import Yams

/// `huella.yaml`: what a nightly job would otherwise repeat on its command line. Flags given
/// on the command line win over the file. Paths are relative to the file.
public struct HuellaConfig: Sendable, Hashable, Decodable {
    public var urls: String?
    public var roster: String?
    public var format: String?
    public var output: String?
    public var failOn: Severity?
    public var lang: MessageLanguage?
    public var rules: [String]?
    public var profileHosts: [String]?
    public var concurrency: Int?
    /// Mask emails and phone numbers in reports.
    public var redact: Bool?
    public var network: Network?
    /// Per rule id: a new severity, or `enabled: false`.
    public var overrides: [String: Override]?

    public struct Network: Sendable, Hashable, Decodable {
        public var delay: Double?
        public var perHost: Int?
        public var retries: Int?
        public var timeout: Int?
        public var connectTimeout: Int?
        public var maxPageBytes: Int?
        public var maxRedirects: Int?
        public var contact: String?
        public var cacert: String?
    }

    public struct Override: Sendable, Hashable, Decodable {
        public var severity: Severity?
        public var enabled: Bool?
    }

    static let keys: Set<String> = [
        "urls", "roster", "format", "output", "failOn", "lang", "rules", "profileHosts", "concurrency", "redact", "network", "overrides",
    ]
    static let networkKeys: Set<String> = [
        "delay", "perHost", "retries", "timeout", "connectTimeout", "maxPageBytes", "maxRedirects", "contact", "cacert",
    ]

    /// The file to read: the one given, else `huella.yaml` in the working directory if there is one.
    public static func locate(_ given: String?) -> String? {
        if let given { return given }
        let local = FileManager.default.currentDirectoryPath + "/huella.yaml"
        return FileManager.default.fileExists(atPath: local) ? local : nil
    }

    /// Reads and checks a config file; every problem is reported at once.
    public static func load(path: String) throws(InputError) -> HuellaConfig {
        let text = try AuditInputs.readText(path)
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { return HuellaConfig() }
            node = composed
        } catch {
            throw InputError(file: path, message: "invalid YAML: \(error)")
        }
        var problems: [String] = []
        func check(_ mapping: Node.Mapping?, _ allowed: Set<String>, _ prefix: String) {
            for key in Array(mapping?.keys ?? Node.Mapping([]).keys) {
                guard let name = key.string, !allowed.contains(name) else { continue }
                let hint = KeyChecker.suggestion(for: name, among: allowed).map { " (did you mean '\(prefix)\($0)'?)" } ?? ""
                problems.append("\(path):\(key.mark?.line ?? 0): unknown key '\(prefix)\(name)'\(hint)")
            }
        }
        check(node.mapping, keys, "")
        check(node.mapping?["network"]?.mapping, networkKeys, "network.")
        for value in Array(node.mapping?["overrides"]?.mapping?.values ?? Node.Mapping([]).values) {
            check(value.mapping, ["severity", "enabled"], "overrides.<rule>.")
        }
        guard problems.isEmpty else { throw InputError(file: path, message: "\n" + problems.joined(separator: "\n")) }
        var config: HuellaConfig
        do {
            config = try YAMLDecoder().decode(HuellaConfig.self, from: node)
        } catch {
            throw InputError(file: path, message: "invalid configuration: \(RuleLoader.describe(error))")
        }
        config.resolvePaths(relativeTo: (path as NSString).deletingLastPathComponent)
        return config
    }

    /// No file: every setting from the flags or the defaults.
    public init() {}

    private mutating func resolvePaths(relativeTo base: String) {
        func resolve(_ p: String) -> String { p.hasPrefix("/") || base.isEmpty ? p : (base as NSString).appendingPathComponent(p) }
        urls = urls.map(resolve)
        roster = roster.map(resolve)
        output = output.map(resolve)
        rules = rules?.map(resolve)
        profileHosts = profileHosts?.map(resolve)
        let cacert = network?.cacert.map(resolve)
        network?.cacert = cacert
    }

    /// Applies the overrides to a rule set; an override naming no rule is a problem.
    public func apply(to rules: [Rule]) throws(InputError) -> [Rule] {
        guard let overrides, !overrides.isEmpty else { return rules }
        let ids = Set(rules.map(\.id))
        let unknown = overrides.keys.filter { !ids.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw InputError(file: "huella.yaml", message: "overrides name unknown rules: \(unknown.joined(separator: ", "))")
        }
        return rules.map { rule in
            guard let change = overrides[rule.id] else { return rule }
            var changed = rule
            if let severity = change.severity { changed.severity = severity }
            if let enabled = change.enabled { changed.enabled = enabled }
            return changed
        }
    }
}
