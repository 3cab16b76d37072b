import Foundation

/// Paths of the repository's fixtures, found from this source file's location.
public enum FixturePaths {
    /// The checkout's root folder.
    public static let repository: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    public static func path(_ relative: String) -> String {
        (repository as NSString).appendingPathComponent(relative)
    }

    public static var serverScript: String { path("Fixtures/server/fixture_server.py") }
    public static var sample: String { path("Fixtures/sample") }
    public static var sampleSites: String { path("Fixtures/sample/sites") }
    public static var rules: String { path("rules") }

    /// The contents of a fixture file.
    public static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(relative)))
    }

    /// The built `huella` executable, next to the test bundle.
    public static var huellaBinary: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("huella").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return path(".build/debug/huella")
    }
}
