import ArgumentParser
import PostgresStore
import PromptCompiler
import SourceData
import Tokenization

// The closed sets of names the command line takes: parsed, listed in --help ("values: …") and completed by
// swift-argument-parser from their cases. A name that is not one of them is a usage error (exit 64).

extension TokenizerKind: ExpressibleByArgument {}

extension OverflowMode: ExpressibleByArgument {}

extension PoolerMode: ExpressibleByArgument {}

extension ActivityEventType: ExpressibleByArgument {}
