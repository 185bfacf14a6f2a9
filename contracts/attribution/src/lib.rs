//! `attribution`: which datanets trained which model version, and
//! influence-attribution epochs (SPEC.md, "attribution"; design in
//! docs/attribution.md; wiring in docs/model_market.md).
//!
//! **Training records.** The market (`MARKET_ROLE`) records each model
//! version once: 1 to 16 distinct datanets with non-zero weights summing to
//! 10,000 bps, the training-manifest hash and the model's data share. Every
//! datanet must exist and be Active in `datanet_registry`, and the data
//! share must meet each datanet's minimum; both are read with a static call
//! to the registry's `datanet(id)` view. A record never changes. The
//! manifest hash is the Merkle root of the contribution ids the version was
//! trained on, so [`Attribution::contribution_in_model`] answers whether a
//! contribution was in a model's data.
//!
//! **Influence attribution.** Part of a model's data share can go to an
//! influence escrow in `reward_splitter` instead of the datanet pools. An
//! attestor, named for the model by its owner (through the market) from an
//! admin-managed set, commits epochs per model and token: the Merkle root
//! of `(account, cumulative amount)` leaves, the hash of the off-chain
//! report, and the cumulative total. The total never decreases and never
//! exceeds what the splitter escrowed (read with a static call to its
//! `escrow(model, token)` view). An account proves its leaf against the
//! latest root and gets `cumulative - already claimed` released to its
//! claimable balance in the splitter (`releaseEscrow`, which needs the
//! splitter's `ATTRIBUTION_ROLE`). Leaves hold the chain id, this contract,
//! the model and the token, so a proof cannot be replayed elsewhere, and
//! the released total per model and token never passes the latest
//! cumulative total.
//!
//! Roles (`access_kit`, OpenZeppelin `AccessControl`'s ABI): the admin
//! manages the attestor set and grants roles; `MARKET_ROLE` records
//! training and sets model attestors.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

mod interfaces;
pub mod merkle;
#[cfg(not(feature = "export-abi"))]
mod router;
mod sol;

use alloc::vec::Vec;

use abi_kit::AbiWord;
use access_kit::{Roles, DEFAULT_ADMIN_ROLE};
use alloy_primitives::{
    aliases::{U128, U16},
    uint, Address, B256, U256,
};
use alloy_sol_types::{SolCall, SolEvent};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageU128, StorageU16, StorageU256,
        StorageVec,
    },
    stylus_core::calls::context::Call,
};

pub use access_kit::{
    AccessControlBadConfirmation, AccessControlRoleFrozen, AccessControlUnauthorizedAccount,
    RoleFrozen, RoleGranted, RoleRevoked,
};
pub use interfaces::{IDatanetRegistry, IRewardSplitter};
pub use sol::*;

/// Basis points in a whole.
pub const BPS: u16 = 10_000;
/// Most datanets in a training record.
pub const MAX_DATANETS: usize = 16;
/// Longest Merkle proof accepted: trees of up to 2^64 leaves.
pub const MAX_PROOF_LEN: usize = 64;
/// The registry's status of a datanet that accepts contributions.
pub const DATANET_ACTIVE: u8 = 0;
/// Scaled units per wei in the splitter's escrow view.
pub const SCALE: U256 = uint!(1_000_000_000_000_000_000_U256);

/// Role that may record training and set model attestors.
pub const MARKET_ROLE: [u8; 32] = stylus_sdk::keccak_const::Keccak256::new()
    .update(b"MARKET_ROLE")
    .finalize();

abi_kit::program_errors! {
    /// The caller lacks the role the function needs.
    UnauthorizedAccount(AccessControlUnauthorizedAccount { account, neededRole }),
    /// `renounceRole` named an account other than the caller.
    BadConfirmation(AccessControlBadConfirmation {}),
    /// A frozen role's holders cannot change.
    FrozenRole(AccessControlRoleFrozen { role }),
    /// See [`AttributionZeroAddress`].
    ZeroAddress(AttributionZeroAddress {}),
    /// See [`AttributionZeroHash`].
    ZeroHash(AttributionZeroHash {}),
    /// See [`AttributionInvalidAttribution`].
    InvalidAttribution(AttributionInvalidAttribution { datanets, weights }),
    /// See [`AttributionInvalidDatanet`].
    InvalidDatanet(AttributionInvalidDatanet { datanetId }),
    /// See [`AttributionInvalidWeights`].
    InvalidWeights(AttributionInvalidWeights { datanetId, sum }),
    /// See [`AttributionInvalidDataShare`].
    InvalidDataShare(AttributionInvalidDataShare { dataBps }),
    /// See [`AttributionUnknownDatanet`].
    UnknownDatanet(AttributionUnknownDatanet { datanetId }),
    /// See [`AttributionDatanetNotActive`].
    DatanetNotActive(AttributionDatanetNotActive { datanetId, status }),
    /// See [`AttributionDataShareTooLow`].
    DataShareTooLow(AttributionDataShareTooLow { datanetId, dataBps, minDataShareBps }),
    /// See [`AttributionTrainingExists`].
    TrainingExists(AttributionTrainingExists { modelId, version }),
    /// See [`AttributionIdTooLarge`].
    IdTooLarge(AttributionIdTooLarge { modelId, version }),
    /// See [`AttributionUnknownDatanetTraining`].
    UnknownDatanetTraining(AttributionUnknownDatanetTraining { datanetId, index }),
    /// See [`AttributionUnknownTraining`].
    UnknownTraining(AttributionUnknownTraining { modelId, version }),
    /// See [`AttributionNotAttestor`].
    NotAttestor(AttributionNotAttestor { account }),
    /// See [`AttributionNotModelAttestor`].
    NotModelAttestor(AttributionNotModelAttestor { modelId, account }),
    /// See [`AttributionTotalDecreased`].
    TotalDecreased(AttributionTotalDecreased { modelId, token, previousTotal, cumulativeTotal }),
    /// See [`AttributionEscrowExceeded`].
    EscrowExceeded(AttributionEscrowExceeded { modelId, token, escrowedScaled, cumulativeTotal }),
    /// See [`AttributionUnknownEpoch`].
    UnknownEpoch(AttributionUnknownEpoch { modelId, token, epoch }),
    /// See [`AttributionProofTooLong`].
    ProofTooLong(AttributionProofTooLong { length, maxLength }),
    /// See [`AttributionInvalidProof`].
    InvalidProof(AttributionInvalidProof { modelId, token, account, cumulativeAmount }),
    /// See [`AttributionNothingToClaim`].
    NothingToClaim(AttributionNothingToClaim { modelId, token, account, claimed }),
    /// See [`AttributionTotalExceeded`].
    TotalExceeded(AttributionTotalExceeded { modelId, token, cumulativeTotal, released }),
    /// See [`AttributionPeerCallFailed`].
    PeerCallFailed(AttributionPeerCallFailed { peer }),
}

impl From<access_kit::RoleError> for Error {
    fn from(err: access_kit::RoleError) -> Self {
        match err {
            access_kit::RoleError::Unauthorized(e) => e.into(),
            access_kit::RoleError::BadConfirmation(e) => e.into(),
            access_kit::RoleError::Frozen(e) => e.into(),
        }
    }
}

/// The training record of one model version. Written once.
#[storage]
pub struct Training {
    /// Merkle root of the contribution ids used; zero: no record.
    manifest_hash: StorageB256,
    /// The model's data share of each fee, in bps (after the protocol fee).
    data_bps: StorageU16,
    /// The datanets that trained the version, in the market's order.
    datanet_ids: StorageVec<StorageU256>,
    /// Each datanet's weight in bps, summing to 10,000.
    weights_bps: StorageVec<StorageU16>,
}

/// A training record that used a datanet: a model version, packed in one
/// slot.
#[storage]
pub struct TrainingRef {
    /// The model id.
    model_id: StorageU128,
    /// The version.
    version: StorageU128,
}

/// One committed epoch of a model's influence attribution in one token.
#[storage]
pub struct Epoch {
    /// Root of the `(account, cumulative amount)` tree.
    root: StorageB256,
    /// Hash of the off-chain attribution report.
    report_hash: StorageB256,
    /// Sum of all cumulative amounts in the tree, in wei.
    cumulative_total: StorageU256,
}

/// A model's influence attribution in one token.
#[storage]
pub struct Influence {
    /// Committed epochs; epoch `n` is at index `n - 1`.
    epochs: StorageVec<Epoch>,
    /// Wei released from the escrow through claims, ever.
    released: StorageU256,
    /// Cumulative amount each account has claimed.
    claimed: StorageMap<Address, StorageU256>,
}

/// Everything attribution holds about one model.
#[storage]
pub struct Model {
    /// The attestor the model's owner named (zero: none).
    attestor: StorageAddress,
    /// Training records by version.
    trainings: StorageMap<U256, Training>,
    /// Influence attribution by token.
    influence: StorageMap<Address, Influence>,
}

/// State of the Attribution program.
#[cfg_attr(feature = "export-abi", entrypoint)]
#[storage]
pub struct Attribution {
    /// Roles: admin and market.
    roles: Roles,
    /// `datanet_registry`, read for datanet status and minimum data share.
    registry: StorageAddress,
    /// `reward_splitter`, holding the influence escrow.
    splitter: StorageAddress,
    /// The attestor set the admin manages.
    attestors: StorageMap<Address, StorageBool>,
    /// Models by id.
    models: StorageMap<U256, Model>,
    /// The training records that used each datanet, in the order recorded.
    datanet_trainings: StorageMap<U256, StorageVec<TrainingRef>>,
}

#[public]
impl Attribution {
    /// Sets the admin and the peer programs.
    ///
    /// # Errors
    /// [`AttributionZeroAddress`] for a zero admin, registry or splitter.
    ///
    /// # Events
    /// `RoleGranted`, [`PeersSet`].
    #[constructor]
    pub fn constructor(
        &mut self,
        admin: Address,
        registry: Address,
        splitter: Address,
    ) -> Result<(), Error> {
        if admin.is_zero() || registry.is_zero() || splitter.is_zero() {
            return Err(AttributionZeroAddress {}.into());
        }
        self.roles.grant(DEFAULT_ADMIN_ROLE, admin);
        self.registry.set(registry);
        self.splitter.set(splitter);
        self.emit(
            &[PeersSet::SIGNATURE_HASH, registry.word(), splitter.word()],
            &[],
        );
        Ok(())
    }

    // ----- roles -----

    /// Whether `account` has `role`.
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        self.roles.has_role(role, account)
    }

    /// The role that administers `role`: the admin role, for every role.
    pub fn get_role_admin(&self, _role: B256) -> B256 {
        DEFAULT_ADMIN_ROLE
    }

    /// Grants `role` to `account`. Only the role's admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlRoleFrozen`.
    ///
    /// # Events
    /// `RoleGranted` if it was not held.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.grant_role(role, account)?)
    }

    /// Revokes `role` from `account`. Only the role's admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlRoleFrozen`.
    ///
    /// # Events
    /// `RoleRevoked` if it was held.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.revoke_role(role, account)?)
    }

    /// The caller gives up `role`; `confirmation` must be the caller.
    ///
    /// # Errors
    /// `AccessControlBadConfirmation`; `AccessControlRoleFrozen`.
    ///
    /// # Events
    /// `RoleRevoked` if it was held.
    pub fn renounce_role(&mut self, role: B256, confirmation: Address) -> Result<(), Error> {
        Ok(self.roles.renounce_role(role, confirmation)?)
    }

    /// Freezes `role` for good: nobody is granted, revoked or renounces it
    /// again. Only the admin. Freezing the peer roles once the programs
    /// are wired takes away the admin's power over users' funds.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlRoleFrozen` if it
    /// already is.
    ///
    /// # Events
    /// `RoleFrozen`.
    pub fn freeze_role(&mut self, role: B256) -> Result<(), Error> {
        Ok(self.roles.freeze_role(role)?)
    }

    /// Whether `role` is frozen.
    pub fn is_role_frozen(&self, role: B256) -> bool {
        self.roles.is_role_frozen(role)
    }

    // ----- admin -----

    /// Adds `account` to the attestor set, or removes it. A removed
    /// attestor can commit no more epochs, for any model. Admin only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`AttributionZeroAddress`].
    ///
    /// # Events
    /// [`AttestorSet`].
    pub fn set_attestor(&mut self, account: Address, allowed: bool) -> Result<(), Error> {
        self.roles.only_role(DEFAULT_ADMIN_ROLE)?;
        if account.is_zero() {
            return Err(AttributionZeroAddress {}.into());
        }
        self.attestors.setter(account).set(allowed);
        self.emit(
            &[AttestorSet::SIGNATURE_HASH, account.word()],
            &[allowed.word()],
        );
        Ok(())
    }

    // ----- market -----

    /// Records the training of version `version` of model `model_id`: the
    /// datanets that trained it with their weights, the manifest hash (the
    /// Merkle root of the contribution ids used) and the model's data share
    /// in bps. A version is recorded once, and is appended to each
    /// datanet's list of training records. Market only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`AttributionZeroHash`] for the
    /// manifest; [`AttributionInvalidDataShare`];
    /// [`AttributionInvalidAttribution`]; [`AttributionInvalidDatanet`];
    /// [`AttributionInvalidWeights`]; [`AttributionTrainingExists`];
    /// [`AttributionIdTooLarge`] for a model id or version of 2^128 or more;
    /// [`AttributionUnknownDatanet`]; [`AttributionDatanetNotActive`];
    /// [`AttributionDataShareTooLow`]; [`AttributionPeerCallFailed`] if the
    /// registry's answer is too short.
    ///
    /// # Events
    /// [`TrainingRecorded`], then one [`DatanetUsed`] per datanet.
    pub fn record_training(
        &mut self,
        model_id: U256,
        version: U256,
        datanet_ids: Vec<U256>,
        weights_bps: Vec<u16>,
        manifest_hash: B256,
        data_bps: u16,
    ) -> Result<(), Error> {
        self.roles.only_role(MARKET_ROLE.into())?;
        if manifest_hash.is_zero() {
            return Err(AttributionZeroHash {}.into());
        }
        if data_bps > BPS {
            return Err(AttributionInvalidDataShare { dataBps: data_bps }.into());
        }
        check_attribution(&datanet_ids, &weights_bps)?;
        if !self
            .models
            .get(model_id)
            .trainings
            .get(version)
            .manifest_hash
            .get()
            .is_zero()
        {
            return Err(AttributionTrainingExists {
                modelId: model_id,
                version,
            }
            .into());
        }
        let (Ok(packed_model), Ok(packed_version)) =
            (u128::try_from(model_id), u128::try_from(version))
        else {
            return Err(AttributionIdTooLarge {
                modelId: model_id,
                version,
            }
            .into());
        };
        for &datanet_id in &datanet_ids {
            self.check_datanet(datanet_id, data_bps)?;
        }

        let mut model = self.models.setter(model_id);
        let mut training = model.trainings.setter(version);
        training.manifest_hash.set(manifest_hash);
        training.data_bps.set(U16::from(data_bps));
        for (&datanet_id, &weight) in datanet_ids.iter().zip(&weights_bps) {
            training.datanet_ids.push(datanet_id);
            training.weights_bps.push(U16::from(weight));
        }
        drop(model);
        for &datanet_id in &datanet_ids {
            let mut list = self.datanet_trainings.setter(datanet_id);
            let mut entry = list.grow();
            entry.model_id.set(U128::from(packed_model));
            entry.version.set(U128::from(packed_version));
        }
        self.emit(
            &[
                TrainingRecorded::SIGNATURE_HASH,
                model_id.word(),
                version.word(),
            ],
            &[manifest_hash, data_bps.word(), datanet_ids.len().word()],
        );
        for (&datanet_id, &weight) in datanet_ids.iter().zip(&weights_bps) {
            self.emit(
                &[
                    DatanetUsed::SIGNATURE_HASH,
                    datanet_id.word(),
                    model_id.word(),
                    version.word(),
                ],
                &[weight.word()],
            );
        }
        Ok(())
    }

    /// Names `attestor` (from the attestor set) as the attestor of model
    /// `model_id`, on the model owner's behalf; the zero address removes
    /// it. Market only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`AttributionNotAttestor`] if
    /// `attestor` is not in the set.
    ///
    /// # Events
    /// [`ModelAttestorSet`].
    pub fn set_model_attestor(&mut self, model_id: U256, attestor: Address) -> Result<(), Error> {
        self.roles.only_role(MARKET_ROLE.into())?;
        if !attestor.is_zero() && !self.attestors.get(attestor) {
            return Err(AttributionNotAttestor { account: attestor }.into());
        }
        let mut model = self.models.setter(model_id);
        let previous = model.attestor.get();
        model.attestor.set(attestor);
        drop(model);
        self.emit(
            &[
                ModelAttestorSet::SIGNATURE_HASH,
                model_id.word(),
                previous.word(),
                attestor.word(),
            ],
            &[],
        );
        Ok(())
    }

    // ----- attestor -----

    /// Commits the next epoch of model `model_id`'s influence attribution
    /// in `token`: the Merkle root of its `(account, cumulative amount)`
    /// leaves, the hash of the off-chain report and the cumulative total of
    /// all leaves, in wei. The total never decreases and never exceeds the
    /// model's escrow in the splitter. Only the model's attestor, while it
    /// is in the attestor set.
    ///
    /// # Errors
    /// [`AttributionNotModelAttestor`]; [`AttributionNotAttestor`] if the
    /// attestor was removed from the set; [`AttributionZeroHash`] for the
    /// root or report hash; [`AttributionTotalDecreased`];
    /// [`AttributionEscrowExceeded`]; [`AttributionPeerCallFailed`] if the
    /// splitter's escrow view fails.
    ///
    /// # Events
    /// [`EpochCommitted`].
    pub fn commit_epoch(
        &mut self,
        model_id: U256,
        token: Address,
        root: B256,
        report_hash: B256,
        cumulative_total: U256,
    ) -> Result<U256, Error> {
        let sender = self.vm().msg_sender();
        if self.models.get(model_id).attestor.get() != sender || sender.is_zero() {
            return Err(AttributionNotModelAttestor {
                modelId: model_id,
                account: sender,
            }
            .into());
        }
        if !self.attestors.get(sender) {
            return Err(AttributionNotAttestor { account: sender }.into());
        }
        if root.is_zero() || report_hash.is_zero() {
            return Err(AttributionZeroHash {}.into());
        }
        let (count, previous_total) = {
            let model = self.models.get(model_id);
            let influence = model.influence.get(token);
            let count = influence.epochs.len();
            let previous = match count.checked_sub(1) {
                Some(last) => influence
                    .epochs
                    .get(last)
                    .map(|epoch| epoch.cumulative_total.get())
                    .unwrap_or_default(),
                None => U256::ZERO,
            };
            (count, previous)
        };
        if cumulative_total < previous_total {
            return Err(AttributionTotalDecreased {
                modelId: model_id,
                token,
                previousTotal: previous_total,
                cumulativeTotal: cumulative_total,
            }
            .into());
        }
        let escrowed_scaled = self.escrowed_scaled(model_id, token)?;
        // cumulative <= floor(escrowed / SCALE) <=> cumulative * SCALE <= escrowed.
        match cumulative_total.checked_mul(SCALE) {
            Some(needed) if needed <= escrowed_scaled => {}
            _ => {
                return Err(AttributionEscrowExceeded {
                    modelId: model_id,
                    token,
                    escrowedScaled: escrowed_scaled,
                    cumulativeTotal: cumulative_total,
                }
                .into())
            }
        }

        let mut model = self.models.setter(model_id);
        let mut influence = model.influence.setter(token);
        let mut epoch = influence.epochs.grow();
        epoch.root.set(root);
        epoch.report_hash.set(report_hash);
        epoch.cumulative_total.set(cumulative_total);
        drop(model);
        let number = U256::from(count + 1);
        self.emit(
            &[
                EpochCommitted::SIGNATURE_HASH,
                model_id.word(),
                token.word(),
                number.word(),
            ],
            &[root, report_hash, cumulative_total.word(), sender.word()],
        );
        Ok(number)
    }

    // ----- anyone -----

    /// Claims the caller's influence reward of model `model_id` in `token`:
    /// `proof` shows the leaf `(caller, cumulative_amount)` (see
    /// [`merkle::influence_leaf`]) in the latest epoch's tree, and
    /// `cumulative_amount` minus what the caller already claimed is released
    /// from the model's escrow to the caller's claimable balance in the
    /// splitter (claimed there with `claim`). Returns the wei released.
    ///
    /// # Errors
    /// [`AttributionProofTooLong`]; [`AttributionUnknownEpoch`] (epoch 0)
    /// before any epoch; [`AttributionInvalidProof`];
    /// [`AttributionNothingToClaim`]; [`AttributionTotalExceeded`];
    /// [`AttributionPeerCallFailed`] if the splitter refuses the release.
    ///
    /// # Events
    /// [`InfluenceClaimed`] (and the splitter's `EscrowReleased`).
    pub fn claim_influence(
        &mut self,
        model_id: U256,
        token: Address,
        cumulative_amount: U256,
        proof: Vec<B256>,
    ) -> Result<U256, Error> {
        check_proof_len(&proof)?;
        let account = self.vm().msg_sender();
        let (count, root, total, claimed, released) = {
            let model = self.models.get(model_id);
            let influence = model.influence.get(token);
            let count = influence.epochs.len();
            let Some(epoch) = count
                .checked_sub(1)
                .and_then(|last| influence.epochs.get(last))
            else {
                return Err(AttributionUnknownEpoch {
                    modelId: model_id,
                    token,
                    epoch: U256::ZERO,
                }
                .into());
            };
            (
                count,
                epoch.root.get(),
                epoch.cumulative_total.get(),
                influence.claimed.get(account),
                influence.released.get(),
            )
        };
        let leaf = self.influence_leaf(model_id, token, account, cumulative_amount);
        if !merkle::verify(&proof, root, leaf) {
            return Err(AttributionInvalidProof {
                modelId: model_id,
                token,
                account,
                cumulativeAmount: cumulative_amount,
            }
            .into());
        }
        if cumulative_amount <= claimed {
            return Err(AttributionNothingToClaim {
                modelId: model_id,
                token,
                account,
                claimed,
            }
            .into());
        }
        let amount = cumulative_amount - claimed;
        // released <= total, so total - released never underflows.
        if amount > total - released {
            return Err(AttributionTotalExceeded {
                modelId: model_id,
                token,
                cumulativeTotal: total,
                released: released.saturating_add(amount),
            }
            .into());
        }

        let mut model = self.models.setter(model_id);
        let mut influence = model.influence.setter(token);
        influence.claimed.setter(account).set(cumulative_amount);
        influence.released.set(released + amount);
        drop(model);
        self.emit(
            &[
                InfluenceClaimed::SIGNATURE_HASH,
                model_id.word(),
                token.word(),
                account.word(),
            ],
            &[
                U256::from(count).word(),
                cumulative_amount.word(),
                amount.word(),
            ],
        );
        let splitter = self.splitter.get();
        let calldata = abi_kit::selector_and_words(
            IRewardSplitter::releaseEscrowCall::SELECTOR,
            &[model_id.word(), token.word(), account.word(), amount.word()],
        );
        if self.vm().call(&Call::new(), splitter, &calldata).is_err() {
            return Err(AttributionPeerCallFailed { peer: splitter }.into());
        }
        Ok(amount)
    }

    // ----- views -----

    /// `(registry, splitter)`: the peer programs.
    pub fn config(&self) -> (Address, Address) {
        (self.registry.get(), self.splitter.get())
    }

    /// Whether `account` is in the attestor set.
    pub fn is_attestor(&self, account: Address) -> bool {
        self.attestors.get(account)
    }

    /// The attestor of model `model_id` (zero: none).
    pub fn model_attestor(&self, model_id: U256) -> Address {
        self.models.get(model_id).attestor.get()
    }

    /// `(manifestHash, dataBps, datanetIds, weightsBps)` of a model
    /// version's training record.
    ///
    /// # Errors
    /// [`AttributionUnknownTraining`].
    pub fn training(
        &self,
        model_id: U256,
        version: U256,
    ) -> Result<(B256, u16, Vec<U256>, Vec<u16>), Error> {
        let model = self.models.get(model_id);
        let training = model.trainings.get(version);
        let manifest_hash = training.manifest_hash.get();
        if manifest_hash.is_zero() {
            return Err(AttributionUnknownTraining {
                modelId: model_id,
                version,
            }
            .into());
        }
        let count = training.datanet_ids.len();
        let datanet_ids = (0..count)
            .map(|i| training.datanet_ids.get(i).unwrap_or_default())
            .collect();
        let weights_bps = (0..count)
            .map(|i| low_u16(training.weights_bps.get(i).unwrap_or_default()))
            .collect();
        Ok((
            manifest_hash,
            low_u16(training.data_bps.get()),
            datanet_ids,
            weights_bps,
        ))
    }

    /// Whether contribution `contribution_id` was in the training data of a
    /// model version: `proof` leads from its leaf
    /// ([`merkle::contribution_leaf`]) to the version's manifest hash.
    ///
    /// # Errors
    /// [`AttributionProofTooLong`]; [`AttributionUnknownTraining`].
    pub fn contribution_in_model(
        &self,
        model_id: U256,
        version: U256,
        contribution_id: U256,
        proof: Vec<B256>,
    ) -> Result<bool, Error> {
        check_proof_len(&proof)?;
        let root = self
            .models
            .get(model_id)
            .trainings
            .get(version)
            .manifest_hash
            .get();
        if root.is_zero() {
            return Err(AttributionUnknownTraining {
                modelId: model_id,
                version,
            }
            .into());
        }
        Ok(merkle::verify(
            &proof,
            root,
            merkle::contribution_leaf(contribution_id),
        ))
    }

    /// The number of training records (model versions) that used datanet
    /// `datanet_id`.
    pub fn datanet_training_count(&self, datanet_id: U256) -> U256 {
        U256::from(self.datanet_trainings.get(datanet_id).len())
    }

    /// `(modelId, version)` of the `index`-th training record (from 0, in
    /// the order recorded) that used datanet `datanet_id`; its weight is in
    /// [`Self::training`].
    ///
    /// # Errors
    /// [`AttributionUnknownDatanetTraining`].
    pub fn datanet_training(&self, datanet_id: U256, index: U256) -> Result<(U256, U256), Error> {
        let list = self.datanet_trainings.get(datanet_id);
        let entry = usize::try_from(index).ok().and_then(|i| list.get(i));
        match entry {
            Some(entry) => Ok((
                U256::from(entry.model_id.get()),
                U256::from(entry.version.get()),
            )),
            None => Err(AttributionUnknownDatanetTraining {
                datanetId: datanet_id,
                index,
            }
            .into()),
        }
    }

    /// The number of epochs committed for model `model_id` in `token`.
    pub fn epoch_count(&self, model_id: U256, token: Address) -> U256 {
        U256::from(self.models.get(model_id).influence.get(token).epochs.len())
    }

    /// `(root, reportHash, cumulativeTotal)` of epoch `epoch` (from 1) of
    /// model `model_id` in `token`.
    ///
    /// # Errors
    /// [`AttributionUnknownEpoch`].
    pub fn epoch(
        &self,
        model_id: U256,
        token: Address,
        epoch: U256,
    ) -> Result<(B256, B256, U256), Error> {
        let model = self.models.get(model_id);
        let influence = model.influence.get(token);
        let stored = usize::try_from(epoch)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| influence.epochs.get(index));
        match stored {
            Some(stored) => Ok((
                stored.root.get(),
                stored.report_hash.get(),
                stored.cumulative_total.get(),
            )),
            None => Err(AttributionUnknownEpoch {
                modelId: model_id,
                token,
                epoch,
            }
            .into()),
        }
    }

    /// The cumulative amount `account` has claimed of model `model_id`'s
    /// influence escrow in `token`.
    pub fn claimed(&self, model_id: U256, token: Address, account: Address) -> U256 {
        self.models
            .get(model_id)
            .influence
            .get(token)
            .claimed
            .get(account)
    }

    /// The wei released through claims of model `model_id`'s influence
    /// escrow in `token`, ever.
    pub fn released(&self, model_id: U256, token: Address) -> U256 {
        self.models
            .get(model_id)
            .influence
            .get(token)
            .released
            .get()
    }

    /// The leaf of `account`'s `cumulative_amount` for model `model_id` and
    /// `token` in this deployment (see [`merkle::influence_leaf`]), for
    /// attestors building trees.
    pub fn influence_leaf(
        &self,
        model_id: U256,
        token: Address,
        account: Address,
        cumulative_amount: U256,
    ) -> B256 {
        merkle::influence_leaf(
            self.vm().chain_id(),
            self.vm().contract_address(),
            model_id,
            token,
            account,
            cumulative_amount,
        )
    }
}

/// The low 16 bits of a stored `uint16`.
fn low_u16(value: U16) -> u16 {
    value.to::<u16>()
}

/// Fails if `proof` is longer than [`MAX_PROOF_LEN`].
fn check_proof_len(proof: &[B256]) -> Result<(), Error> {
    if proof.len() > MAX_PROOF_LEN {
        return Err(AttributionProofTooLong {
            length: U256::from(proof.len()),
            maxLength: U256::from(MAX_PROOF_LEN),
        }
        .into());
    }
    Ok(())
}

/// Checks a training record's datanets: 1 to 16 distinct non-zero ids, one
/// non-zero weight each, weights summing to 10,000.
fn check_attribution(datanet_ids: &[U256], weights_bps: &[u16]) -> Result<(), Error> {
    let count = datanet_ids.len();
    if count == 0 || count > MAX_DATANETS || weights_bps.len() != count {
        return Err(AttributionInvalidAttribution {
            datanets: U256::from(count),
            weights: U256::from(weights_bps.len()),
        }
        .into());
    }
    let mut sum = 0u32;
    for (i, (&datanet_id, &weight)) in datanet_ids.iter().zip(weights_bps).enumerate() {
        if datanet_id.is_zero() || datanet_ids[..i].contains(&datanet_id) {
            return Err(AttributionInvalidDatanet {
                datanetId: datanet_id,
            }
            .into());
        }
        sum += u32::from(weight);
        if weight == 0 {
            return Err(AttributionInvalidWeights {
                datanetId: datanet_id,
                sum: U256::from(sum),
            }
            .into());
        }
    }
    if sum != u32::from(BPS) {
        return Err(AttributionInvalidWeights {
            datanetId: U256::ZERO,
            sum: U256::from(sum),
        }
        .into());
    }
    Ok(())
}

impl Attribution {
    /// Emits a log of `topics` (the event's signature hash, then its
    /// indexed fields) and static `data` words.
    fn emit(&self, topics: &[B256], data: &[B256]) {
        let mut bytes = abi_kit::words(topics);
        bytes.extend_from_slice(&abi_kit::words(data));
        self.vm().emit_log(&bytes, topics.len());
    }

    /// Static call of `selector` with static `args` to `peer`; its return
    /// data if the call succeeded.
    fn static_call(&self, peer: Address, selector: [u8; 4], args: &[B256]) -> Option<Vec<u8>> {
        let calldata = abi_kit::selector_and_words(selector, args);
        self.vm().static_call(&Call::new(), peer, &calldata).ok()
    }

    /// Fails unless the registry knows `datanet_id`, the datanet is Active
    /// and `data_bps` meets its minimum data share.
    fn check_datanet(&self, datanet_id: U256, data_bps: u16) -> Result<(), Error> {
        let registry = self.registry.get();
        // The view reverts only for an unknown datanet.
        let Some(record) = self.static_call(
            registry,
            IDatanetRegistry::datanetCall::SELECTOR,
            &[datanet_id.word()],
        ) else {
            return Err(AttributionUnknownDatanet {
                datanetId: datanet_id,
            }
            .into());
        };
        let Some((status, min_share)) = interfaces::datanet_terms(&record) else {
            return Err(AttributionPeerCallFailed { peer: registry }.into());
        };
        if status != u64::from(DATANET_ACTIVE) {
            return Err(AttributionDatanetNotActive {
                datanetId: datanet_id,
                status: status as u8,
            }
            .into());
        }
        if u64::from(data_bps) < min_share {
            return Err(AttributionDataShareTooLow {
                datanetId: datanet_id,
                dataBps: data_bps,
                minDataShareBps: min_share as u16,
            }
            .into());
        }
        Ok(())
    }

    /// Scaled units of `token` escrowed for model `model_id` in the
    /// splitter, ever.
    fn escrowed_scaled(&self, model_id: U256, token: Address) -> Result<U256, Error> {
        let splitter = self.splitter.get();
        match self.static_call(
            splitter,
            IRewardSplitter::escrowCall::SELECTOR,
            &[model_id.word(), token.word()],
        ) {
            Some(returned) if returned.len() >= 64 => Ok(U256::from_be_slice(&returned[..32])),
            _ => Err(AttributionPeerCallFailed { peer: splitter }.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{address, b256, keccak256, Address, B256, U256};
    use alloy_sol_types::{SolEvent, SolValue};
    // Links motsu's host functions, which the storage types reference.
    use motsu as _;

    use super::*;

    #[test]
    fn error_encoder_matches_alloy_for_every_error() {
        abi_kit::testing::check_error_encoder(every_error(), 26);
    }

    /// Our topics and data for each event equal alloy's log encoding.
    #[test]
    fn event_encoder_matches_alloy() {
        fn ours(topics: &[B256], data: &[B256]) -> (alloc::vec::Vec<B256>, alloc::vec::Vec<u8>) {
            (topics.to_vec(), abi_kit::words(data))
        }
        fn alloy<E: SolEvent>(event: &E) -> (alloc::vec::Vec<B256>, alloc::vec::Vec<u8>) {
            let log = event.encode_log_data();
            (log.topics().to_vec(), log.data.to_vec())
        }
        let (model, version, datanet, epoch) =
            (U256::from(7), U256::from(2), U256::from(9), U256::from(3));
        let (token, who, other) = (
            Address::repeat_byte(1),
            Address::repeat_byte(2),
            Address::repeat_byte(3),
        );
        let (h1, h2) = (B256::repeat_byte(0x11), B256::repeat_byte(0x22));
        let (a, b) = (U256::from(11), U256::from(12));
        assert_eq!(
            ours(&[PeersSet::SIGNATURE_HASH, who.word(), other.word()], &[]),
            alloy(&PeersSet {
                registry: who,
                splitter: other
            })
        );
        assert_eq!(
            ours(
                &[
                    TrainingRecorded::SIGNATURE_HASH,
                    model.word(),
                    version.word()
                ],
                &[h1, 3_000u16.word(), 4usize.word()]
            ),
            alloy(&TrainingRecorded {
                modelId: model,
                version,
                manifestHash: h1,
                dataBps: 3_000,
                datanetCount: 4
            })
        );
        assert_eq!(
            ours(
                &[
                    DatanetUsed::SIGNATURE_HASH,
                    datanet.word(),
                    model.word(),
                    version.word()
                ],
                &[2_500u16.word()]
            ),
            alloy(&DatanetUsed {
                datanetId: datanet,
                modelId: model,
                version,
                weightBps: 2_500
            })
        );
        assert_eq!(
            ours(&[AttestorSet::SIGNATURE_HASH, who.word()], &[true.word()]),
            alloy(&AttestorSet {
                account: who,
                allowed: true
            })
        );
        assert_eq!(
            ours(
                &[
                    ModelAttestorSet::SIGNATURE_HASH,
                    model.word(),
                    who.word(),
                    other.word()
                ],
                &[]
            ),
            alloy(&ModelAttestorSet {
                modelId: model,
                previousAttestor: who,
                attestor: other
            })
        );
        assert_eq!(
            ours(
                &[
                    EpochCommitted::SIGNATURE_HASH,
                    model.word(),
                    token.word(),
                    epoch.word()
                ],
                &[h1, h2, a.word(), who.word()]
            ),
            alloy(&EpochCommitted {
                modelId: model,
                token,
                epoch,
                root: h1,
                reportHash: h2,
                cumulativeTotal: a,
                attestor: who
            })
        );
        assert_eq!(
            ours(
                &[
                    InfluenceClaimed::SIGNATURE_HASH,
                    model.word(),
                    token.word(),
                    who.word()
                ],
                &[epoch.word(), a.word(), b.word()]
            ),
            alloy(&InfluenceClaimed {
                modelId: model,
                token,
                account: who,
                epoch,
                cumulativeAmount: a,
                amount: b
            })
        );
    }

    #[test]
    fn market_role_is_keccak_of_its_name() {
        assert_eq!(B256::from(MARKET_ROLE), keccak256("MARKET_ROLE"));
    }

    /// The leaves are OpenZeppelin's standard leaves of the ABI-encoded
    /// values, as alloy encodes them.
    #[test]
    fn leaves_are_double_hashed_abi_encodings() {
        let id = U256::from(1_234);
        assert_eq!(
            merkle::contribution_leaf(id),
            keccak256(keccak256((id,).abi_encode_params()))
        );
        let (this, token, account) = (
            Address::repeat_byte(0xA7),
            Address::repeat_byte(0x01),
            Address::repeat_byte(0x02),
        );
        let (model, amount) = (U256::from(5), U256::from(1_000_000));
        assert_eq!(
            merkle::influence_leaf(42_161, this, model, token, account, amount),
            keccak256(keccak256(
                (U256::from(42_161u64), this, model, token, account, amount).abi_encode_params()
            ))
        );
    }

    /// A tree dumped by `@openzeppelin/merkle-tree` (`standard-v1`, leaf
    /// encoding `["address", "uint256"]`, three values, so not a perfect
    /// tree): our leaf is its leaf and its proofs verify against its root.
    #[test]
    fn verifies_proofs_of_an_openzeppelin_js_tree() {
        let tree = [
            b256!("0fecce441c7468f17e3fe4a5f211b77a15b27c9ab3d33317df385dfbe5487034"),
            b256!("636ab2686ee3036244cf3d6b5574e051e4b20a3577b008975dbcca6dde2897d2"),
            b256!("d90245da324d7908326a3d56a9659741551a4603c397bf4dd373976bd85660e7"),
            b256!("36fb17c97ec80bb961ff0adff1af4a2a34847ecc40653c162e327117a76e3ec9"),
            b256!("1867c4ebd455913e429523a5c2d4b3a79f58068b5a25af911956245ed03a659d"),
        ];
        let owner = address!("80d628ff4AC2aFf620C3474663F1e559234bbE0c");
        // (value, tree index, proof as tree indices: sibling, then up).
        let cases: [(u64, usize, &[usize]); 3] = [(0, 4, &[3, 2]), (1, 3, &[4, 2]), (2, 2, &[1])];
        for (value, index, proof) in cases {
            let leaf = merkle::standard_leaf(&[owner.word(), U256::from(value).word()]);
            assert_eq!(leaf, tree[index], "leaf of value {value}");
            let proof: alloc::vec::Vec<B256> = proof.iter().map(|&i| tree[i]).collect();
            assert!(merkle::verify(&proof, tree[0], leaf), "proof of {value}");
            assert!(!merkle::verify(&proof, tree[1], leaf));
            assert!(!merkle::verify(&proof[..proof.len() - 1], tree[0], leaf));
        }
        // The root of two leaves is the hash of the sorted pair.
        let (low, high) = if tree[1] < tree[2] {
            (tree[1], tree[2])
        } else {
            (tree[2], tree[1])
        };
        assert_eq!(keccak256([low.0, high.0].concat()), tree[0]);
    }
}
