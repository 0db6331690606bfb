import LocalServices

/// FIFO queues and partial batch responses: AWS documents that a handler on a FIFO queue should
/// stop at the first failure and report that message and every later one, so the group's order
/// survives the retry. Lambda deletes whatever the response does not name, so the tutor says
/// when a response breaks a group's order.
enum FIFOOrder {
    /// The first group with a reported failure followed by a message of the same group that was
    /// not reported (it will be deleted ahead of the failed one), or nil.
    static func brokenGroup(_ messages: [QueueMessage], failed: Set<String>) -> String? {
        var failedGroups: Set<String> = []
        for message in messages {
            guard let group = message.messageGroupId, message.sequenceNumber != nil else { continue }
            if failed.contains(message.messageID) {
                failedGroups.insert(group)
            } else if failedGroups.contains(group) {
                return group
            }
        }
        return nil
    }
}
