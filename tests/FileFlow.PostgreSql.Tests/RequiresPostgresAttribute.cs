namespace FileFlow.PostgreSql.Tests;

/// <summary>
/// Marks a test class whose tests all need the PostgreSQL test server, including tests it inherits with plain <c>[Fact]</c>
/// (the shared store contract). When <c>FILEFLOW_TEST_POSTGRES</c> is not set, <see cref="PostgresTestFramework"/> reports each of them skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute;
