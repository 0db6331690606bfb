import Foundation
import TutorSupport

/// One queue's messages, indexed so that the work of a receive, a delete or a count does not
/// grow with the queue's depth: the hidden messages (delayed or in flight) in a heap by the
/// time they become visible, the visible ones in a heap by send order, and every message by
/// receipt handle. A receive moves the messages whose time has come from the first heap to the
/// second and takes the oldest visible ones, as a pass over the queue in send order would.
///
/// Heap entries carry the token their message had when they were pushed; a change (receive,
/// visibility change, delete) gives the message a new token, so outdated entries are skipped
/// when they surface and dropped in bulk once they outnumber the messages.
///
/// A FIFO queue's receive still walks the messages in send order (``inOrder``): which message
/// of a group may go depends on every message before it in that group.
struct QueueMessageStore: Sendable {
    private struct Slot: Sendable {
        var message: QueueMessage
        var token: UInt64
        var visible: Bool
    }

    /// A hidden message, ordered by when it becomes visible, then by send order.
    private struct Hidden: Comparable, Sendable {
        let at: Date
        let serial: UInt64
        let token: UInt64
        static func < (left: Hidden, right: Hidden) -> Bool { (left.at, left.serial) < (right.at, right.serial) }
    }

    /// A visible message, ordered by send order.
    private struct Visible: Comparable, Sendable {
        let serial: UInt64
        let token: UInt64
        static func < (left: Visible, right: Visible) -> Bool { left.serial < right.serial }
    }

    private var slots: [UInt64: Slot] = [:]
    /// Serials in send order (removed ones are skipped, and compacted away once they are half).
    private var order: [UInt64] = []
    private var removedFromOrder = 0
    private var byReceipt: [String: UInt64] = [:]
    private var hidden = MinHeap<Hidden>()
    private var visible = MinHeap<Visible>()
    private var nextSerial: UInt64 = 0
    private var nextToken: UInt64 = 0
    /// Visible messages as of the last ``promote(now:)``.
    private var visibleMessages = 0
    /// Hidden messages never received (sent with a delay): SQS's "delayed".
    private(set) var delayedCount = 0

    var count: Int { slots.count }
    var isEmpty: Bool { slots.isEmpty }

    /// Every message in send order (peek, the FIFO receive).
    var inOrder: [QueueMessage] { order.compactMap { slots[$0]?.message } }

    /// The serials of the messages, in send order, for a walk that changes them as it goes.
    var serialsInOrder: [UInt64] { order.filter { slots[$0] != nil } }

    func message(_ serial: UInt64) -> QueueMessage? { slots[serial]?.message }

    /// Visible messages now.
    mutating func visibleCount(now: Date) -> Int {
        promote(now: now)
        return visibleMessages
    }

    // MARK: - Changes

    /// Adds a message at the end of the send order; visible or hidden by its `visibleAt`.
    mutating func append(_ message: QueueMessage, now: Date) {
        let serial = nextSerial
        nextSerial += 1
        order.append(serial)
        slots[serial] = Slot(message: message, token: 0, visible: false)
        if message.receiveCount == 0 { delayedCount += 1 }
        place(serial, now: now)
    }

    /// Moves every hidden message whose time has come to the visible ones.
    mutating func promote(now: Date) {
        while let top = hidden.minimum, top.at <= now {
            hidden.pop()
            guard let slot = slots[top.serial], slot.token == top.token, !slot.visible else { continue }
            place(top.serial, now: now)
        }
    }

    /// A standard queue's receive: up to `maximum` visible messages, oldest sent first, each
    /// received (hidden until `hiddenUntil`); on the way, a message already received
    /// `redriveAfter` times is removed and returned in `redriven` instead (not counted).
    mutating func receiveOldest(_ maximum: Int, now: Date, hiddenUntil: Date, redriveAfter: Int?) -> (received: [QueueMessage], redriven: [QueueMessage]) {
        promote(now: now)
        var received: [QueueMessage] = [], redriven: [QueueMessage] = []
        while received.count < maximum, let top = visible.pop() {
            guard let slot = slots[top.serial], slot.token == top.token, slot.visible else { continue }
            // A clock set back can leave a message here that is not visible yet.
            guard slot.message.visibleAt <= now else { place(top.serial, now: now); continue }
            if let redriveAfter, slot.message.receiveCount >= redriveAfter {
                if let message = remove(top.serial) { redriven.append(message) }
            } else if let message = receive(top.serial, now: now, hiddenUntil: hiddenUntil) {
                received.append(message)
            }
        }
        return (received, redriven)
    }

    /// Receives message `serial` (visible now): its receive count goes up, it is hidden until `hiddenUntil`
    /// and gets a new receipt handle (the old one stops working). Returns the received message.
    mutating func receive(_ serial: UInt64, now: Date, hiddenUntil: Date) -> QueueMessage? {
        guard var slot = slots[serial] else { return nil }
        if let old = slot.message.receiptHandle { byReceipt[old] = nil }
        if !slot.visible, slot.message.receiveCount == 0 { delayedCount -= 1 }
        slot.message.receiveCount += 1
        slot.message.firstReceivedAt = slot.message.firstReceivedAt ?? now
        slot.message.visibleAt = hiddenUntil
        let handle = RandomUUID.string()
        slot.message.receiptHandle = handle
        byReceipt[handle] = serial
        slots[serial] = slot
        place(serial, now: now)
        return slot.message
    }

    /// Removes message `serial`; returns it.
    @discardableResult
    mutating func remove(_ serial: UInt64) -> QueueMessage? {
        guard let slot = slots.removeValue(forKey: serial) else { return nil }
        if let handle = slot.message.receiptHandle { byReceipt[handle] = nil }
        if slot.visible { visibleMessages -= 1 } else if slot.message.receiveCount == 0 { delayedCount -= 1 }
        removedFromOrder += 1
        if removedFromOrder > 32, removedFromOrder * 2 > order.count {
            order.removeAll { slots[$0] == nil }
            removedFromOrder = 0
        }
        return slot.message
    }

    /// The message the receipt handle of its latest receive names.
    func serial(receiptHandle: String) -> UInt64? { byReceipt[receiptHandle] }

    /// Sets when message `serial` becomes visible.
    mutating func setVisible(_ serial: UInt64, at date: Date, now: Date) {
        guard slots[serial] != nil else { return }
        slots[serial]?.message.visibleAt = date
        place(serial, now: now)
    }

    /// Empties the store; returns how many messages went.
    mutating func removeAll() -> Int {
        let count = slots.count
        slots = [:]
        order = []
        removedFromOrder = 0
        byReceipt = [:]
        hidden.removeAll()
        visible.removeAll()
        visibleMessages = 0
        delayedCount = 0
        return count
    }

    // MARK: - Index

    /// Files message `serial` under a new token: visible if its time has come, else hidden.
    private mutating func place(_ serial: UInt64, now: Date) {
        guard var slot = slots[serial] else { return }
        nextToken += 1
        slot.token = nextToken
        let isVisible = slot.message.visibleAt <= now
        if slot.visible != isVisible {
            visibleMessages += isVisible ? 1 : -1
            // Never received and hidden is SQS's "delayed".
            if slot.message.receiveCount == 0 { delayedCount += isVisible ? -1 : 1 }
        }
        slot.visible = isVisible
        slots[serial] = slot
        if isVisible {
            visible.push(Visible(serial: serial, token: slot.token))
        } else {
            hidden.push(Hidden(at: slot.message.visibleAt, serial: serial, token: slot.token))
        }
        compactIfStale()
    }

    /// Drops outdated heap entries once they outnumber the messages (each change leaves one).
    private mutating func compactIfStale() {
        guard hidden.count + visible.count > 2 * slots.count + 64 else { return }
        let slots = self.slots
        hidden.retain { slots[$0.serial]?.token == $0.token }
        visible.retain { slots[$0.serial]?.token == $0.token }
    }
}
