import LambdaModel
import TutorSupport

/// The tutor's version, shown by `--version` and `version`.
public enum TutorVersion {
    public static let current = "0.1.0"
    public static var factsCheckedOn: String { Facts.checkedOn }
}
