import Foundation
import HuellaExtract
import HuellaRules

/// Where huella's shipped data lives: the rule pack (`rules/`) and the vocabularies (`data/`).
public enum HuellaResources {
    /// A shipped folder: `$HUELLA_HOME/NAME`, `<prefix>/share/huella/NAME` next to an
    /// installed binary, or the folder of the source checkout the binary was built in.
    public static func directory(_ name: String, executable: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        if let home = ProcessInfo.processInfo.environment["HUELLA_HOME"], !home.isEmpty {
            let path = (home as NSString).appendingPathComponent(name)
            return fm.fileExists(atPath: path) ? path : nil
        }
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/huella/\(name)").path
        if fm.fileExists(atPath: installed) { return installed }
        // A build tree: .build/<triple>/debug/huella → walk up to the checkout.
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent(name)
            if fm.fileExists(atPath: candidate.path)
                && fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path)
            {
                return candidate.path
            }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// The skills vocabulary, or an empty one (with the reason) when it cannot be read.
    public static func skillVocabulary() -> (SkillVocabulary, String?) {
        guard let dir = directory("data") else { return (.empty, "the skills vocabulary (data/skills.yaml) was not found") }
        let path = (dir as NSString).appendingPathComponent("skills.yaml")
        do {
            return (try SkillVocabulary.load(path: path), nil)
        } catch {
            return (.empty, "\(path): cannot read the skills vocabulary: \(error)")
        }
    }
}

extension HuellaResources {
    /// The known profile hosts: the shipped ones, then `extra` directories (a user adds a host
    /// by adding a file). A file that cannot be read is an error naming it.
    public static func profileHosts(extra: [String] = []) throws -> ProfileHosts {
        var all: [ProfileHost] = []
        let shipped = directory("data").map { ($0 as NSString).appendingPathComponent("profile-hosts") }
        for dir in (shipped.map { [$0] } ?? []) + extra {
            for host in try ProfileHosts.load(directory: dir).hosts {
                all.removeAll { $0.id == host.id }
                all.append(host)
            }
        }
        return ProfileHosts(hosts: all)
    }
}

/// Finds and loads the rule pack: the built-in one, then the user's directories on top.
public enum RulePack {
    /// The built-in pack's folder, if it can be found.
    public static func builtInDirectory() -> String? {
        HuellaResources.directory("rules")
    }

    /// Loads the built-in pack (unless excluded) and then `extra` directories.
    public static func load(builtIn: String?, extra: [String]) throws(RuleLoadError) -> [Rule] {
        try RuleLoader().load(directories: (builtIn.map { [$0] } ?? []) + extra)
    }
}
