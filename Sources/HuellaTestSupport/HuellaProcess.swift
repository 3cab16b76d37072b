import Foundation

/// Runs the built `huella` binary and captures what it printed and how it exited.
public struct HuellaRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String
    /// The state directory the run was given (`XDG_STATE_HOME`), already removed unless the
    /// test chose it.
    public var stateHome: String

    /// huella's own peak resident memory in KiB, when the run was asked to measure it.
    public var peakKilobytes: Int?

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Runs `huella` with arguments, in `directory` if given, with `environment` added.
    /// `measuringPeak` starts it from a small Python parent that reports its peak memory:
    /// Linux counts a child's peak from its parent's at the moment it starts another program,
    /// so a child of the test process reports the test process's own peak (hundreds of MB
    /// while other tests parse big pages in it), not huella's.
    public static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], measuringPeak: Bool = false
    ) throws -> HuellaRun {
        let process = Process()
        let peakFolder = measuringPeak ? try TemporaryDirectory() : nil
        if let peakFolder {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", Self.peakReporter, peakFolder.path + "/peak", FixturePaths.huellaBinary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: FixturePaths.huellaBinary)
            process.arguments = arguments
        }
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
        // The folder lives until the file is read (it is removed when released).
        let peak = peakFolder.flatMap { folder in
            withExtendedLifetime(folder) { (try? String(contentsOfFile: folder.path + "/peak", encoding: .utf8)).flatMap { Int($0) } }
        }
        return HuellaRun(
            status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData.value, as: UTF8.self),
            stateHome: process.environment?["XDG_STATE_HOME"] ?? state.path, peakKilobytes: peak)
    }

    /// Runs the command after the file path, writes its peak RSS (KiB) to the file, exits as it did.
    private static let peakReporter = """
        import resource, subprocess, sys
        done = subprocess.run(sys.argv[2:])
        open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
        sys.exit(done.returncode if done.returncode >= 0 else 128 - done.returncode)
        """
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
