import Foundation

/// The loopback fixture server (`Fixtures/server/fixture_server.py`), started by a test and
/// stopped when the value goes away. Virtual hosts by Host header, HTTP and HTTPS on ports
/// the OS picks, a throw-away CA, and a log of every request it received.
///
/// `@unchecked Sendable` invariant: `process` and `input` are only used in `init` and `stop`,
/// and `stop` is idempotent under `lock`.
public final class FixtureServer: @unchecked Sendable {
    public let httpPort: Int
    public let httpsPort: Int
    /// The PEM file of the CA that signed the server's certificate.
    public let caFile: String
    /// Where the server logs requests (JSON lines).
    public let logFile: String
    public let hosts: [String]

    private let process: Process
    private let input: Pipe
    private let lock = NSLock()
    private var stopped = false

    /// Starts a server over one or more folders of `<host>/` sites.
    public init(roots: [String]) throws {
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("huella-requests-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: log, contents: Data())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", FixturePaths.serverScript] + roots.flatMap { ["--root", $0] } + ["--log", log]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The first line is the server's address card.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        struct Card: Decodable {
            var http: Int
            var https: Int
            var cafile: String
            var hosts: [String]
        }
        guard let card = try? JSONDecoder().decode(Card.self, from: line) else {
            process.terminate()
            throw FixtureServerError(message: "fixture server did not start: \(String(decoding: line, as: UTF8.self))")
        }
        self.process = process
        self.input = input
        httpPort = card.http
        httpsPort = card.https
        caFile = card.cafile
        hosts = card.hosts
        logFile = log
    }

    deinit { stop() }

    /// curl `--connect-to` entries that send every host's port 80 and 443 to this server.
    public var connectTo: [String] {
        [":80:127.0.0.1:\(httpPort)", ":443:127.0.0.1:\(httpsPort)"]
    }

    /// The requests received so far, in order.
    public func requests() -> [LoggedRequest] {
        guard let data = FileManager.default.contents(atPath: logFile) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(LoggedRequest.self, from: Data($0)) }
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logFile)
    }
}

/// One request as the fixture server logged it.
public struct LoggedRequest: Decodable, Sendable, Hashable {
    public var host: String
    public var path: String
    public var method: String
    public var scheme: String
    public var headers: [String: String]
    /// When the server received it (seconds since 1970).
    public var time: Double
}

public struct FixtureServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
