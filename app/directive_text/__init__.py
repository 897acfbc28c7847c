"""Reading a directive from a file (.txt, .docx, PDF with a text layer) for the directive reader."""
