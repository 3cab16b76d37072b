import Foundation
import HuellaRules

/// Finds and loads the rule pack: the built-in one, then the user's directories on top.
public enum RulePack {
    /// Where the built-in pack is: `$HUELLA_RULES_DIR`, `<prefix>/share/huella/rules` next to an
    /// installed binary, or the `rules/` folder of the source checkout the binary was built in.
    public static func builtInDirectory(executable: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["HUELLA_RULES_DIR"], !env.isEmpty { return env }
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/huella/rules").path
        if fm.fileExists(atPath: installed) { return installed }
        // A build tree: .build/<triple>/debug/huella → walk up to the checkout.
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("rules")
            if fm.fileExists(atPath: candidate.path)
                && fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path)
            {
                return candidate.path
            }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// Loads the built-in pack (unless excluded) and then `extra` directories.
    public static func load(builtIn: String?, extra: [String]) throws(RuleLoadError) -> [Rule] {
        try RuleLoader().load(directories: (builtIn.map { [$0] } ?? []) + extra)
    }
}
