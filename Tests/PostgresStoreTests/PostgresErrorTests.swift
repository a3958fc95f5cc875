import Testing
@testable import PostgresStore

@Suite struct PostgresErrorTests {
    @Test func descriptionNamesSQLStateAndDetail() {
        let error = PostgresError(.statementFailed, sqlState: "23503", message: "no such user", detail: "user 42")
        #expect(error.description == "no such user (SQLSTATE 23503): user 42")
    }
}
