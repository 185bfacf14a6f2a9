//! Test doubles and helpers shared by the cross-contract tests.
