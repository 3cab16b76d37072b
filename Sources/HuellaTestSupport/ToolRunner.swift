import Foundation

/// Runs an external command (a validator, a browser) and captures its output.
public struct ToolRun: Sendable {
    public var status: Int32
    public var output: String

    /// Runs `command` found on PATH with arguments; a missing command is status 127.
    public static func run(_ command: String, _ arguments: [String]) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
