internal import CCurl
import Foundation
import HuellaCore

/// One curl multi handle driven by one dedicated OS thread.
///
/// `@unchecked Sendable` invariant: `multi` and `active` are touched only by the loop's
/// thread (`run`), except `curl_multi_wakeup`, which libcurl documents as callable from
/// any thread. Work arrives through the `inbox` mutex.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var pending: [CurlTransfer] = []
        var shutdown = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Locked(Inbox())
    private let maxActive: Int
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init?(maxActive: Int) {
        guard CurlRuntime.ready, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        self.maxActive = max(1, maxActive)
    }

    /// Queues a transfer; the loop starts it when a slot is free.
    func submit(_ transfer: CurlTransfer) {
        inbox.withLock { $0.pending.append(transfer) }
        wake()
    }

    func wake() { _ = curl_multi_wakeup(multi) }

    /// Asks the loop to end once nothing is in flight.
    func shutdown() {
        inbox.withLock { $0.shutdown = true }
        wake()
    }

    /// The loop body; runs on its own thread until `shutdown`.
    func run() {
        while true {
            let room = maxActive - active.count
            let (starting, stop) = inbox.withLock { box -> ([CurlTransfer], Bool) in
                let take = Array(box.pending.prefix(max(0, room)))
                box.pending.removeFirst(take.count)
                return (take, box.shutdown && box.pending.isEmpty)
            }
            for transfer in starting { start(transfer) }
            if stop && active.isEmpty { break }
            reapCancelled()

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            let freed = drainCompleted()
            // Slots came free and work is waiting: start it now instead of sleeping in poll.
            if freed > 0 && inbox.withLock({ !$0.pending.isEmpty }) { continue }
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
    }

    private func start(_ transfer: CurlTransfer) {
        if transfer.cancellation.isCancelled {
            transfer.finish(code: nil)
            return
        }
        do {
            let easy = try transfer.start()
            let added = curl_multi_add_handle(multi, easy)
            if added != CURLM_OK {
                transfer.finish(code: CURLE_FAILED_INIT)
                return
            }
            active[easy] = transfer
        } catch {
            transfer.finish(code: CURLE_FAILED_INIT)
        }
    }

    private func reapCancelled() {
        for (easy, transfer) in active where transfer.cancellation.isCancelled {
            curl_multi_remove_handle(multi, easy)
            active[easy] = nil
            transfer.finish(code: nil)
        }
    }

    /// Finishes every transfer curl reports done; returns how many.
    private func drainCompleted() -> Int {
        var done = 0
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            if let transfer = active.removeValue(forKey: easy) {
                transfer.finish(code: code)
                done += 1
            }
        }
        return done
    }
}
