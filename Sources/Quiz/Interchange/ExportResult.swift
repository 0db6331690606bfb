import TutorSupport

/// Questions written to another format.
public struct ExportResult: Sendable {
    public var text: String
    public var exported: Int
    /// What the format could not hold, one sentence per kind of loss with the ids affected.
    /// Empty when nothing was lost.
    public var notes: [String]
}
