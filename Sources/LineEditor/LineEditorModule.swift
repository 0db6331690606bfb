import CLibEdit
public enum LineEditorModule {}
