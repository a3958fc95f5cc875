/// The prompt compiler: templates, token-budget allocator, sanitizer and structural guard.
///
/// Pure: no database, no clock, no file system beyond loading templates. Filled by issue 4.
public enum PromptCompilerModule {}
