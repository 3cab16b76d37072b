import Foundation
import HuellaCore
import HuellaKit
import HuellaReport

/// The report being written, shared by the tasks that finish assistants: streamed parts
/// go out as they come; the first write failure is kept and ends the run at the end.
final class StreamSink: Sendable {
    private let state: Locked<(file: ReportFile, failure: InputError?)>
    private let reporter: any Reporter

    init(path: String?, reporter: any Reporter) throws(InputError) {
        self.state = Locked((try ReportFile(path: path), nil))
        self.reporter = reporter
    }

    /// `json`: the assistant's `compactJSON()`, when the caller encoded it already.
    func stream(_ assistant: AssistantResult, json: Data? = nil) {
        reporter.prepare(assistant, json: json)
        guard let data = reporter.streamed(assistant) else { return }
        state.withLock { s in
            guard s.failure == nil else { return }
            do throws(InputError) { try s.file.write(data) } catch { s.failure = error }
        }
    }

    /// Writes the rest of the report and makes it appear whole.
    func finish(_ run: RunResult) throws(InputError) {
        let tail = reporter.finishParts(run)
        let failure: InputError? = state.withLock { s -> InputError? in
            if let failure = s.failure {
                s.file.discard()
                return failure
            }
            do throws(InputError) {
                for piece in tail { try s.file.write(piece) }
                try s.file.commit()
                return nil
            } catch {
                s.file.discard()
                return error
            }
        }
        if let failure { throw failure }
    }
}
