import Foundation

/// A Python test server started as a child process: it prints one JSON line (its address
/// card) and lives until its standard input closes.
///
/// `@unchecked Sendable` invariant: `process` and `input` are used in `init` and `stop` only,
/// and `stop` is idempotent under `lock`.
final class ServerProcess: @unchecked Sendable {
    let card: Data
    let logFile: String
    private let process: Process
    private let input: Pipe
    private let lock = NSLock()
    private var stopped = false

    init(script: String, arguments: [String]) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("huella-requests-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: log, contents: Data())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments + ["--log", log]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        guard !line.isEmpty else {
            process.terminate()
            throw FixtureServerError(message: "\(script) did not start")
        }
        self.process = process
        self.input = input
        card = line
        logFile = log
    }

    deinit { stop() }

    /// The requests logged so far, in order.
    func requests() -> [LoggedRequest] {
        guard let data = FileManager.default.contents(atPath: logFile) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(LoggedRequest.self, from: Data($0)) }
    }

    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logFile)
    }
}

/// The hostile server (`Fixtures/server/hostile_server.py`): one misbehaviour per path, TLS
/// with bad certificates, a raw socket server and a listener on 127.0.0.2 that counts connections.
public final class HostileServer: Sendable {
    public struct Card: Decodable, Sendable {
        public var http: Int
        public var https: Int
        public var https_expired: Int?
        public var https_selfsigned: Int
        public var https_wronghost: Int
        public var raw: Int
        public var cafile: String
        public var listener_127_0_0_2: Int?
        public var brotli: Bool?
    }

    public let card: Card
    private let server: ServerProcess

    public init() throws {
        server = try ServerProcess(script: FixturePaths.path("Fixtures/server/hostile_server.py"), arguments: [])
        card = try JSONDecoder().decode(Card.self, from: server.card)
    }

    public func requests() -> [LoggedRequest] { server.requests() }

    /// Connections the 127.0.0.2 listener accepted (it must see none when an address is refused).
    public func listenerConnections() -> Int {
        guard let data = FileManager.default.contents(atPath: server.logFile) else { return 0 }
        return data.split(separator: 0x0A).filter { String(decoding: $0, as: UTF8.self).contains("\"listener\"") }.count
    }

    public func stop() { server.stop() }
}
