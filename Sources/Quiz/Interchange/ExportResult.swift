import TutorSupport

/// Questions written to another format.
package struct ExportResult: Sendable {
    package var text: String
    package var exported: Int
    /// What the format could not hold, one sentence per kind of loss with the ids affected.
    /// Empty when nothing was lost.
    package var notes: [String]
}
