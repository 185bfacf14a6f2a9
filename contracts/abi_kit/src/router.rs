//! Pieces of a hand-written method router and the program entrypoint.
//!
//! A program implements the SDK's `Router` trait with [`route`] and
//! [`construct`], giving them its method table (selector to argument spec
//! and payability) and a dispatch function; [`user_entrypoint!`] then writes
//! the entrypoint `#[entrypoint]` would write, routed through it. Programs
//! keep `#[public]` for the exported ABI (`export-abi` builds), and the SDK's
//! router is dropped from the wasm as dead code.

use alloc::vec::Vec;
use core::borrow::BorrowMut;

use alloy_primitives::U256;
use stylus_sdk::{
    stylus_core::{host::ConstructorGuard, ValueDenier},
    ArbResult,
};

use crate::{words, AbiWord, Args};

/// A method table: argument spec and payability of a selector, `None` for
/// an unknown selector.
pub type Methods = fn(u32) -> Option<(&'static [u8], bool)>;

/// A method's result: its encoded return, or its error's revert data.
#[inline(never)]
pub fn done<E: Into<Vec<u8>>>(result: Result<Vec<u8>, E>) -> ArbResult {
    result.map_err(Into::into)
}

/// A single `uint256` return.
#[inline(never)]
pub fn ret_u256<E: Into<Vec<u8>>>(result: Result<U256, E>) -> ArbResult {
    done(result.map(|value| words(&[value.word()])))
}

/// A single static value returned by an infallible method.
#[inline(never)]
pub fn ret_word(value: impl AbiWord) -> ArbResult {
    Ok(words(&[value.word()]))
}

/// A return of nothing.
#[inline(never)]
pub fn ret_unit<E: Into<Vec<u8>>>(result: Result<(), E>) -> ArbResult {
    done(result.map(|()| Vec::new()))
}

/// Routes one call to `dispatch`, as the SDK's router does: unknown
/// selectors fall through (`None`), value sent to a non-payable method and
/// calldata that is not the canonical encoding of the method's arguments
/// revert with empty data.
pub fn route<S, T>(
    storage: &mut S,
    selector: u32,
    input: &[u8],
    methods: Methods,
    dispatch: fn(&mut T, u32, &Args<'_>) -> ArbResult,
) -> Option<ArbResult>
where
    S: BorrowMut<T> + ValueDenier,
{
    let (spec, payable) = methods(selector)?;
    if !payable {
        if let Err(err) = storage.deny_value("") {
            return Some(Err(err));
        }
    }
    let Some(args) = Args::decode(input, spec) else {
        return Some(Err(Vec::new()));
    };
    Some(dispatch(storage.borrow_mut(), selector, &args))
}

/// Runs a non-payable constructor with arguments of `spec`, once.
pub fn construct<S, T>(
    storage: &mut S,
    input: &[u8],
    spec: &[u8],
    constructor: fn(&mut T, &Args<'_>) -> ArbResult,
) -> Option<ArbResult>
where
    S: BorrowMut<T> + ValueDenier + ConstructorGuard,
{
    if let Err(err) = storage.deny_value("") {
        return Some(Err(err));
    }
    if let Err(err) = storage.check_constructor_slot() {
        return Some(Err(err));
    }
    let Some(args) = Args::decode(input, spec) else {
        return Some(Err(Vec::new()));
    };
    Some(constructor(storage.borrow_mut(), &args))
}

/// Declares `u32` selector constants from Solidity signatures, and (in
/// tests) `SELECTORS`, every one of them.
#[macro_export]
macro_rules! selectors {
    ($($name:ident = $sol:literal $(, $ty:ty)*;)*) => {
        $(
            #[allow(non_upper_case_globals)]
            pub(crate) const $name: u32 =
                u32::from_be_bytes(stylus_sdk::function_selector!($sol $(, $ty)*));
        )*
        /// Every routed selector.
        #[cfg(test)]
        pub(crate) const SELECTORS: &[u32] = &[$($name),*];
    };
}

/// Declares a program's router `$router` for `$storage`: calls go through
/// [`route`] with the method table `$methods` and `$dispatch`; the
/// constructor (non-payable, run once) decodes `$spec` and runs
/// `$constructor`; there is no `receive` or fallback. Also writes the
/// program entrypoint ([`user_entrypoint!`]).
#[macro_export]
macro_rules! hand_router {
    (
        $router:ident for $storage:ty,
        methods: $methods:path,
        dispatch: $dispatch:path,
        constructor($spec:literal): $constructor:expr $(,)?
    ) => {
        /// The program's router.
        pub struct $router;

        impl<S> stylus_sdk::abi::Router<S> for $router
        where
            S: stylus_sdk::stylus_core::storage::TopLevelStorage
                + core::borrow::BorrowMut<$storage>
                + stylus_sdk::stylus_core::ValueDenier
                + stylus_sdk::stylus_core::host::ConstructorGuard,
        {
            type Storage = $storage;

            fn route(
                storage: &mut S,
                selector: u32,
                input: &[u8],
            ) -> Option<stylus_sdk::ArbResult> {
                $crate::router::route(storage, selector, input, $methods, $dispatch)
            }

            fn receive(_storage: &mut S) -> Option<Result<(), alloc::vec::Vec<u8>>> {
                None
            }

            fn fallback(_storage: &mut S, _input: &[u8]) -> Option<stylus_sdk::ArbResult> {
                None
            }

            fn constructor(storage: &mut S, input: &[u8]) -> Option<stylus_sdk::ArbResult> {
                $crate::router::construct(storage, input, $spec, $constructor)
            }
        }

        $crate::user_entrypoint!($storage, $router);
    };
}

/// Writes the program entrypoint `#[entrypoint]` writes for `$storage`,
/// routed through `$router` (wasm only: native builds use a test host,
/// where the SDK writes none either), and marks `$storage` as top-level.
/// This copies stylus-sdk 0.9's `user_entrypoint`: recheck it on an SDK
/// upgrade.
#[macro_export]
macro_rules! user_entrypoint {
    ($storage:ty, $router:ty) => {
        unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for $storage {}

        /// The program's entrypoint.
        #[cfg(target_arch = "wasm32")]
        #[no_mangle]
        pub extern "C" fn user_entrypoint(len: usize) -> usize {
            use stylus_sdk::host::{WasmVM, VM};
            use stylus_sdk::prelude::*;
            let host = VM(WasmVM {});
            if host.msg_reentrant() {
                return 1; // revert
            }
            // Referenced so Nitro's memory-growth metering works (see the SDK).
            host.pay_for_memory_grow(0);
            let input = host.read_args(len);
            let (data, status) = match stylus_sdk::abi::router_entrypoint::<$router, $storage>(
                input,
                host.clone(),
            ) {
                Ok(data) => (data, 0),
                Err(data) => (data, 1),
            };
            host.flush_cache(false);
            host.write_result(&data);
            status
        }
    };
}

/// Declares a program's `Error` enum over `sol!` error structs, and its
/// encoding. With `export-abi` the SDK's `SolidityError` derive lists the
/// errors in the exported ABI; in programs and tests one shared encoder
/// ([`crate::selector_and_words`]) writes the same bytes at a fraction of
/// the code size. In tests, `every_error()` pairs each error (with distinct
/// field values) with alloy's encoding of it, for the program to compare.
#[macro_export]
macro_rules! program_errors {
    ($( $(#[$doc:meta])* $variant:ident($ty:ident { $($field:ident),* }), )*) => {
        /// Every way a call can fail.
        #[cfg_attr(feature = "export-abi", derive(SolidityError))]
        #[derive(Debug)]
        pub enum Error {
            $( $(#[$doc])* $variant($ty), )*
        }

        $(
            #[cfg(not(feature = "export-abi"))]
            impl From<$ty> for Error {
                fn from(err: $ty) -> Self {
                    Self::$variant(err)
                }
            }
        )*

        #[cfg(not(feature = "export-abi"))]
        impl From<Error> for alloc::vec::Vec<u8> {
            fn from(err: Error) -> Self {
                match err {
                    $( Error::$variant(_e) => $crate::selector_and_words(
                        <$ty as alloy_sol_types::SolError>::SELECTOR,
                        &[$($crate::AbiWord::word(_e.$field)),*],
                    ), )*
                }
            }
        }

        /// Each error with distinct field values, and alloy's encoding of it.
        #[cfg(all(test, not(feature = "export-abi")))]
        fn every_error() -> alloc::vec::Vec<(Error, alloc::vec::Vec<u8>)> {
            #[allow(unused_mut, unused_variables)]
            let mut seed = 0u8;
            alloc::vec![$({
                let e = $ty { $($field: { seed += 1; $crate::sample::Sample::sample(seed) }),* };
                let expected = <$ty as alloy_sol_types::SolError>::abi_encode(&e);
                (Error::$variant(e), expected)
            }),*]
        }
    };
}
