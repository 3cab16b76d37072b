import Foundation

/// Runs the built `huella` binary and captures what it printed and how it exited.
public struct HuellaRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String
    /// The state directory the run was given (`XDG_STATE_HOME`), already removed unless the
    /// test chose it.
    public var stateHome: String

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Runs `huella` with arguments, in `directory` if given, with `environment` added.
    public static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
    ) throws -> HuellaRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FixturePaths.huellaBinary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Each run gets a state directory of its own, removed after it, unless the test
        // chooses one.
        let state = try TemporaryDirectory()
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state.path
        process.environment = env.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a large report cannot block it.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { Thread.sleep(forTimeInterval: 0.005) }
        withExtendedLifetime(state) {}
        return HuellaRun(
            status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData.value, as: UTF8.self),
            stateHome: process.environment?["XDG_STATE_HOME"] ?? state.path)
    }
}

/// Data handed from a reader thread.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}

/// A `huella` process left running, to be waited for or killed.
///
/// `@unchecked Sendable` invariant: `process` and `state` are set in `init` only; `Process`
/// may be waited for and signalled from any thread.
public final class HuellaProcessHandle: @unchecked Sendable {
    private let process: Process
    /// Its state directory, removed when the handle goes away.
    private let state: TemporaryDirectory

    public static func start(_ arguments: [String]) throws -> HuellaProcessHandle {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FixturePaths.huellaBinary)
        process.arguments = arguments
        let state = try TemporaryDirectory()
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state.path
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return HuellaProcessHandle(process: process, state: state)
    }

    private init(process: Process, state: TemporaryDirectory) {
        self.process = process
        self.state = state
    }

    deinit {
        // The directory goes with the handle: make sure nothing still writes in it.
        if process.isRunning { kill() }
    }

    /// Waits for the process and returns its exit status.
    public func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL: no chance to clean up, as when a machine or a cron job dies.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
