import Curriculum
import TutorSupport

extension Session {
    /// How lesson checkpoints are drawn. Nil until the quiz engine provides a renderer; the
    /// lesson view then shows the block as written.
    var checkRenderer: ((CheckBlock) -> [MarkdownBlock])? { nil }
}
