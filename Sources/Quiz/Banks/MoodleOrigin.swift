/// Where an imported question lived in Moodle: its question name (`::Async retries::`) and its
/// full category path (`$course$/top/Lambda/Concurrency`). Kept in the bank (`moodle:`) and
/// written back on GIFT export, so a trainer's question bank round-trips into the same Moodle
/// categories under the same names.
public struct MoodleOrigin: Sendable, Hashable, Codable {
    public var name: String?
    public var category: String?

    public init(name: String? = nil, category: String? = nil) {
        self.name = name
        self.category = category
    }

    /// Nil when there is nothing to keep.
    var orNil: MoodleOrigin? { name == nil && category == nil ? nil : self }
}
