//! Roles and a pause switch for the Stylus programs, with the ABI of
//! OpenZeppelin's `AccessControl` and `Pausable`: the same functions,
//! events, errors and selectors, so wallets and tools that know those
//! contracts work unchanged.
//!
//! Why not openzeppelin-stylus itself: in `reward_splitter` its
//! `AccessControl`, `Pausable` and `SafeErc20` cost about 2 KB of the 24 KB
//! deployed-code limit, and version 0.3 switches alloy to an in-wasm keccak
//! for every storage-key hash of the program (more code and more gas per
//! map access). What the programs need is small: every role is administered
//! by the admin role (no `_setRoleAdmin`), and one pause flag. Events and
//! errors are encoded with `abi_kit`'s shared encoder.
//!
//! One addition to OpenZeppelin's model: the admin can **freeze** a role
//! (`freezeRole`), after which nobody is granted, revoked or renounces it
//! again. Frozen peer roles are how a deployment takes its admin's power
//! over users' funds away for good (see `docs/THREAT_MODEL.md`).
#![no_std]
extern crate alloc;

use alloc::{vec, vec::Vec};

use abi_kit::AbiWord;
use alloy_primitives::{Address, B256};
use alloy_sol_types::{sol, SolEvent};
use stylus_sdk::{
    prelude::*,
    storage::{StorageBool, StorageMap},
};

sol! {
    /// `account` was granted `role` by `sender`.
    #[derive(Debug, PartialEq)]
    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);

    /// `account` lost `role`; `sender` revoked it (or is `account`, renouncing).
    #[derive(Debug, PartialEq)]
    event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);

    /// `account` paused the guarded functions.
    #[derive(Debug, PartialEq)]
    event Paused(address account);

    /// `account` unpaused the guarded functions.
    #[derive(Debug, PartialEq)]
    event Unpaused(address account);

    /// `account` lacks `neededRole`.
    #[derive(Debug, PartialEq)]
    error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);

    /// `renounceRole` named an account other than the caller.
    #[derive(Debug, PartialEq)]
    error AccessControlBadConfirmation();

    /// The function is paused.
    #[derive(Debug, PartialEq)]
    error EnforcedPause();

    /// `unpause` while not paused.
    #[derive(Debug, PartialEq)]
    error ExpectedPause();

    /// `sender` froze `role`: its holders never change again.
    #[derive(Debug, PartialEq)]
    event RoleFrozen(bytes32 indexed role, address indexed sender);

    /// `role` is frozen: it cannot be granted, revoked, renounced or frozen
    /// again.
    #[derive(Debug, PartialEq)]
    error AccessControlRoleFrozen(bytes32 role);
}

/// Why a role change failed.
#[derive(Debug, PartialEq)]
pub enum RoleError {
    /// The caller is not an admin.
    Unauthorized(AccessControlUnauthorizedAccount),
    /// `renounceRole` named another account.
    BadConfirmation(AccessControlBadConfirmation),
    /// The role is frozen.
    Frozen(AccessControlRoleFrozen),
}

impl From<AccessControlUnauthorizedAccount> for RoleError {
    fn from(err: AccessControlUnauthorizedAccount) -> Self {
        Self::Unauthorized(err)
    }
}

/// The admin role, `bytes32(0)`: it grants and revokes every role,
/// including itself.
pub const DEFAULT_ADMIN_ROLE: B256 = B256::ZERO;

/// Emits a log of `topics` and static `data` words.
fn emit(vm: &dyn stylus_sdk::stylus_core::Host, topics: &[B256], data: &[B256]) {
    let mut bytes = abi_kit::words(topics);
    bytes.extend_from_slice(&abi_kit::words(data));
    vm.emit_log(&bytes, topics.len());
}

/// Which accounts hold which roles.
#[storage]
pub struct Roles {
    /// Role, then account: holds the role.
    members: StorageMap<B256, StorageMap<Address, StorageBool>>,
    /// Roles whose holders never change again.
    frozen: StorageMap<B256, StorageBool>,
}

impl Roles {
    /// Whether `account` holds `role`.
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        self.members.get(role).get(account)
    }

    /// Fails unless the caller holds `role`.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`].
    pub fn only_role(&self, role: B256) -> Result<(), AccessControlUnauthorizedAccount> {
        let account = self.vm().msg_sender();
        if self.has_role(role, account) {
            Ok(())
        } else {
            Err(AccessControlUnauthorizedAccount {
                account,
                neededRole: role,
            })
        }
    }

    /// Whether `role` is frozen.
    pub fn is_role_frozen(&self, role: B256) -> bool {
        self.frozen.get(role)
    }

    /// Fails if `role` is frozen.
    fn not_frozen(&self, role: B256) -> Result<(), RoleError> {
        if self.is_role_frozen(role) {
            return Err(RoleError::Frozen(AccessControlRoleFrozen { role }));
        }
        Ok(())
    }

    /// Grants `role` to `account` if the caller is an admin and the role
    /// is not frozen.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`]; [`AccessControlRoleFrozen`].
    ///
    /// # Events
    /// [`RoleGranted`] if `account` did not hold it.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), RoleError> {
        self.only_role(DEFAULT_ADMIN_ROLE)?;
        self.not_frozen(role)?;
        self.grant(role, account);
        Ok(())
    }

    /// Revokes `role` from `account` if the caller is an admin and the
    /// role is not frozen.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`]; [`AccessControlRoleFrozen`].
    ///
    /// # Events
    /// [`RoleRevoked`] if `account` held it.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), RoleError> {
        self.only_role(DEFAULT_ADMIN_ROLE)?;
        self.not_frozen(role)?;
        self.revoke(role, account);
        Ok(())
    }

    /// The caller gives up `role`; `confirmation` must be the caller, and
    /// the role not frozen.
    ///
    /// # Errors
    /// [`AccessControlBadConfirmation`]; [`AccessControlRoleFrozen`].
    ///
    /// # Events
    /// [`RoleRevoked`] if the caller held it.
    pub fn renounce_role(&mut self, role: B256, confirmation: Address) -> Result<(), RoleError> {
        if confirmation != self.vm().msg_sender() {
            return Err(RoleError::BadConfirmation(AccessControlBadConfirmation {}));
        }
        self.not_frozen(role)?;
        self.revoke(role, confirmation);
        Ok(())
    }

    /// Freezes `role` for good, if the caller is an admin: its holders
    /// never change again.
    ///
    /// # Errors
    /// [`AccessControlUnauthorizedAccount`]; [`AccessControlRoleFrozen`]
    /// if it already is.
    ///
    /// # Events
    /// [`RoleFrozen`].
    pub fn freeze_role(&mut self, role: B256) -> Result<(), RoleError> {
        self.only_role(DEFAULT_ADMIN_ROLE)?;
        self.not_frozen(role)?;
        self.frozen.setter(role).set(true);
        let sender = self.vm().msg_sender();
        emit(
            self.vm(),
            &[RoleFrozen::SIGNATURE_HASH, role, sender.word()],
            &[],
        );
        Ok(())
    }

    /// Grants `role` to `account` without checks (constructors). Returns
    /// whether it was newly granted.
    ///
    /// # Events
    /// [`RoleGranted`] if `account` did not hold it.
    pub fn grant(&mut self, role: B256, account: Address) -> bool {
        if self.has_role(role, account) {
            return false;
        }
        self.members.setter(role).setter(account).set(true);
        let sender = self.vm().msg_sender();
        emit(
            self.vm(),
            &[
                RoleGranted::SIGNATURE_HASH,
                role,
                account.word(),
                sender.word(),
            ],
            &[],
        );
        true
    }

    /// Revokes `role` from `account` without checks. Returns whether it was
    /// held.
    fn revoke(&mut self, role: B256, account: Address) -> bool {
        if !self.has_role(role, account) {
            return false;
        }
        self.members.setter(role).setter(account).set(false);
        let sender = self.vm().msg_sender();
        emit(
            self.vm(),
            &[
                RoleRevoked::SIGNATURE_HASH,
                role,
                account.word(),
                sender.word(),
            ],
            &[],
        );
        true
    }
}

/// A pause switch for the functions a program guards with
/// [`Pause::when_not_paused`].
#[storage]
pub struct Pause {
    /// Whether the guarded functions are paused.
    paused: StorageBool,
}

impl Pause {
    /// Whether the guarded functions are paused.
    pub fn paused(&self) -> bool {
        self.paused.get()
    }

    /// Fails while paused.
    ///
    /// # Errors
    /// [`EnforcedPause`].
    pub fn when_not_paused(&self) -> Result<(), EnforcedPause> {
        if self.paused() {
            return Err(EnforcedPause {});
        }
        Ok(())
    }

    /// Pauses. The caller checks who may.
    ///
    /// # Errors
    /// [`EnforcedPause`] if already paused.
    ///
    /// # Events
    /// [`Paused`].
    pub fn pause(&mut self) -> Result<(), EnforcedPause> {
        self.when_not_paused()?;
        self.paused.set(true);
        let account = self.vm().msg_sender();
        emit(self.vm(), &[Paused::SIGNATURE_HASH], &[account.word()]);
        Ok(())
    }

    /// Unpauses. The caller checks who may.
    ///
    /// # Errors
    /// [`ExpectedPause`] if not paused.
    ///
    /// # Events
    /// [`Unpaused`].
    pub fn unpause(&mut self) -> Result<(), ExpectedPause> {
        if !self.paused() {
            return Err(ExpectedPause {});
        }
        self.paused.set(false);
        let account = self.vm().msg_sender();
        emit(self.vm(), &[Unpaused::SIGNATURE_HASH], &[account.word()]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{keccak256, Address, B256};
    use alloy_sol_types::{SolError, SolEvent};
    // Links motsu's host functions, which the storage types reference.
    use motsu as _;

    use super::*;

    /// Same selectors and topics as OpenZeppelin's declarations.
    #[test]
    fn abi_matches_openzeppelin() {
        let selector = |signature: &str| <[u8; 4]>::try_from(&keccak256(signature)[..4]).unwrap();
        assert_eq!(
            AccessControlUnauthorizedAccount::SELECTOR,
            selector("AccessControlUnauthorizedAccount(address,bytes32)")
        );
        assert_eq!(
            AccessControlBadConfirmation::SELECTOR,
            selector("AccessControlBadConfirmation()")
        );
        assert_eq!(EnforcedPause::SELECTOR, selector("EnforcedPause()"));
        assert_eq!(ExpectedPause::SELECTOR, selector("ExpectedPause()"));
        assert_eq!(
            RoleGranted::SIGNATURE_HASH,
            keccak256("RoleGranted(bytes32,address,address)")
        );
        assert_eq!(
            RoleRevoked::SIGNATURE_HASH,
            keccak256("RoleRevoked(bytes32,address,address)")
        );
        assert_eq!(Paused::SIGNATURE_HASH, keccak256("Paused(address)"));
        assert_eq!(Unpaused::SIGNATURE_HASH, keccak256("Unpaused(address)"));
    }

    /// The shared encoder writes the logs alloy writes.
    #[test]
    fn event_encoding_matches_alloy() {
        let (role, account, sender) = (
            B256::repeat_byte(7),
            Address::repeat_byte(1),
            Address::repeat_byte(2),
        );
        let log = RoleGranted {
            role,
            account,
            sender,
        }
        .encode_log_data();
        assert_eq!(
            log.topics(),
            &[
                RoleGranted::SIGNATURE_HASH,
                role,
                account.word(),
                sender.word()
            ]
        );
        assert!(log.data.is_empty());
        let log = Paused { account }.encode_log_data();
        assert_eq!(log.topics(), &[Paused::SIGNATURE_HASH]);
        assert_eq!(log.data.to_vec(), abi_kit::words(&[account.word()]));
    }
}
