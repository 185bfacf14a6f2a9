//! `model_market`: model listings, versions, prices and pay-per-inference
//! (SPEC.md, "model_market"; design in docs/model_market.md).
//!
//! **Listings.** Anyone lists a model and owns it (two-step transfer): its
//! metadata URI, base model name and artifact hash, its split (developer /
//! data / validators in bps summing to 10,000, applied after the protocol
//! fee) and influence share (the part of the data share escrowed for
//! influence attribution). Model ids are sequential from 1. A model is
//! Active, Paused or Retired (final).
//!
//! **Versions.** Listing records version 1, and `publishVersion` each next
//! one, in `attribution` (`recordTraining`, which checks the datanets
//! against the registry) in the same transaction; the market holds
//! attribution's `MARKET_ROLE`. The new version becomes current, and its
//! datanets and weights are cached here with the split, so a payment makes
//! exactly one cross-contract call: the splitter's `route`.
//!
//! **Payments.** Prices are per token (0: not accepted). `pay` and
//! `payBatch` take the exact amount (the price, or `count` times it,
//! checked), fail above the payer's maximum price, and route it through the
//! splitter (which needs the market to hold its `MARKET_ROLE`). Native
//! payments must send exactly the amount; ERC-20 payments send no value
//! and are pulled from the payer straight into the splitter, whose balance
//! must grow by exactly the amount (fee-on-transfer and rebasing tokens are
//! rejected where they enter).
//!
//! **No admin.** The market has no privileged account: its peers are set
//! once by the constructor, and the only powers over a listing are its
//! owner's. Payments stop when the splitter's pauser pauses routing.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

pub mod interfaces;
#[cfg(not(feature = "export-abi"))]
mod router;
mod sol;

use alloc::{string::String, vec::Vec};

use abi_kit::{erc20, AbiWord, Field};
use alloy_primitives::{
    aliases::{U16, U8},
    Address, B256, U256,
};
use alloy_sol_types::{SolCall, SolEvent};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageMap, StorageString, StorageU16, StorageU256, StorageU8,
        StorageVec,
    },
    stylus_core::calls::context::Call,
};

use interfaces::{encode_call, Arg};
pub use interfaces::{IAttribution, IRewardSplitter};
pub use sol::*;

/// Basis points in a whole.
pub const BPS: u16 = 10_000;
/// Most datanets in a training record.
pub const MAX_DATANETS: usize = 16;
/// Longest metadata URI or base model name, in bytes.
pub const MAX_TEXT_LEN: usize = 256;
/// Most inferences paid in one `payBatch`.
pub const MAX_BATCH: u64 = 10_000;
/// Status of a model that takes payments.
pub const ACTIVE: u8 = 0;
/// Status of a model paused by its owner.
pub const PAUSED: u8 = 1;
/// Final status of a model.
pub const RETIRED: u8 = 2;

abi_kit::program_errors! {
    /// See [`ModelMarketZeroAddress`].
    ZeroAddress(ModelMarketZeroAddress {}),
    /// See [`ModelMarketZeroHash`].
    ZeroHash(ModelMarketZeroHash {}),
    /// See [`ModelMarketInvalidText`].
    InvalidText(ModelMarketInvalidText { length }),
    /// See [`ModelMarketInvalidSplit`].
    InvalidSplit(ModelMarketInvalidSplit { developerBps, dataBps, validatorBps }),
    /// See [`ModelMarketInvalidInfluence`].
    InvalidInfluence(ModelMarketInvalidInfluence { influenceBps }),
    /// See [`ModelMarketInvalidAttribution`].
    InvalidAttribution(ModelMarketInvalidAttribution { datanets, weights }),
    /// See [`ModelMarketUnknownModel`].
    UnknownModel(ModelMarketUnknownModel { modelId }),
    /// See [`ModelMarketUnknownVersion`].
    UnknownVersion(ModelMarketUnknownVersion { modelId, version }),
    /// See [`ModelMarketNotOwner`].
    NotOwner(ModelMarketNotOwner { modelId, account }),
    /// See [`ModelMarketNotPendingOwner`].
    NotPendingOwner(ModelMarketNotPendingOwner { modelId, account }),
    /// See [`ModelMarketInvalidStatus`].
    InvalidStatus(ModelMarketInvalidStatus { status }),
    /// See [`ModelMarketModelRetired`].
    ModelRetired(ModelMarketModelRetired { modelId }),
    /// See [`ModelMarketModelNotActive`].
    ModelNotActive(ModelMarketModelNotActive { modelId, status }),
    /// See [`ModelMarketTokenNotAccepted`].
    TokenNotAccepted(ModelMarketTokenNotAccepted { modelId, token }),
    /// See [`ModelMarketPriceAboveMax`].
    PriceAboveMax(ModelMarketPriceAboveMax { price, maxPrice }),
    /// See [`ModelMarketInvalidCount`].
    InvalidCount(ModelMarketInvalidCount { count, maxCount }),
    /// See [`ModelMarketAmountOverflow`].
    AmountOverflow(ModelMarketAmountOverflow { count, unitPrice }),
    /// See [`ModelMarketWrongValue`].
    WrongValue(ModelMarketWrongValue { expected, received }),
    /// See [`ModelMarketTransferMismatch`].
    TransferMismatch(ModelMarketTransferMismatch { expected, received }),
    /// See [`ModelMarketPeerCallFailed`].
    PeerCallFailed(ModelMarketPeerCallFailed { peer }),
    /// See [`SafeErc20FailedOperation`].
    Erc20Failed(SafeErc20FailedOperation { token }),
}

/// One published version of a model.
#[storage]
pub struct Version {
    /// Hash of the version's weights or adapter; zero: no such version.
    artifact_hash: StorageB256,
    /// The training-manifest hash recorded in attribution.
    manifest_hash: StorageB256,
}

/// One listed model.
#[storage]
pub struct Model {
    /// The owner, who is paid the developer share; zero: no such model.
    owner: StorageAddress,
    /// The account the owner offered the model to (zero: none).
    pending_owner: StorageAddress,
    /// 0 Active, 1 Paused, 2 Retired.
    status: StorageU8,
    /// The current version (the latest published).
    version: StorageU256,
    /// Developer share, bps of what remains after the protocol fee.
    developer_bps: StorageU16,
    /// Data share, bps of what remains after the protocol fee.
    data_bps: StorageU16,
    /// Validator share, bps of what remains after the protocol fee.
    validator_bps: StorageU16,
    /// Part of the data share sent to the influence escrow, in bps.
    influence_bps: StorageU16,
    /// Metadata URI.
    metadata_uri: StorageString,
    /// Name of the base model.
    base_model: StorageString,
    /// The current version's datanets (a copy of attribution's record).
    datanet_ids: StorageVec<StorageU256>,
    /// The current version's datanet weights in bps.
    weights_bps: StorageVec<StorageU16>,
    /// Price of one inference by token (0: not accepted).
    prices: StorageMap<Address, StorageU256>,
    /// Published versions by number.
    versions: StorageMap<U256, Version>,
}

/// State of the ModelMarket program.
#[cfg_attr(feature = "export-abi", entrypoint)]
#[storage]
pub struct ModelMarket {
    /// `reward_splitter`, which routes every fee.
    splitter: StorageAddress,
    /// `attribution`, which keeps the training records.
    attribution: StorageAddress,
    /// Number of models listed; the last model id.
    model_count: StorageU256,
    /// Models by id.
    models: StorageMap<U256, Model>,
}

#[public]
impl ModelMarket {
    /// Sets the peer programs, for good.
    ///
    /// # Errors
    /// [`ModelMarketZeroAddress`] for a zero splitter or attribution.
    ///
    /// # Events
    /// [`PeersSet`].
    #[constructor]
    pub fn constructor(&mut self, splitter: Address, attribution: Address) -> Result<(), Error> {
        if splitter.is_zero() || attribution.is_zero() {
            return Err(ModelMarketZeroAddress {}.into());
        }
        self.splitter.set(splitter);
        self.attribution.set(attribution);
        self.emit(
            &[
                PeersSet::SIGNATURE_HASH,
                splitter.word(),
                attribution.word(),
            ],
            &[],
        );
        Ok(())
    }

    // ----- listings -----

    /// Lists a model owned by the caller and records its version 1 in
    /// attribution. Returns the model id.
    ///
    /// # Errors
    /// [`ModelMarketZeroHash`] for the artifact or manifest hash;
    /// [`ModelMarketInvalidSplit`]; [`ModelMarketInvalidInfluence`];
    /// [`ModelMarketInvalidText`] for the metadata URI or base model;
    /// [`ModelMarketInvalidAttribution`]; [`ModelMarketPeerCallFailed`] if
    /// attribution rejects the record (unknown, inactive or repeated
    /// datanets, bad weights, a data share below a datanet's minimum).
    ///
    /// # Events
    /// [`ModelListed`], [`VersionPublished`] (and attribution's events).
    #[allow(clippy::too_many_arguments)]
    pub fn list_model(
        &mut self,
        metadata_uri: String,
        artifact_hash: B256,
        base_model: String,
        developer_bps: u16,
        data_bps: u16,
        validator_bps: u16,
        influence_bps: u16,
        datanet_ids: Vec<U256>,
        weights_bps: Vec<u16>,
        manifest_hash: B256,
    ) -> Result<U256, Error> {
        if u32::from(developer_bps) + u32::from(data_bps) + u32::from(validator_bps)
            != u32::from(BPS)
        {
            return Err(ModelMarketInvalidSplit {
                developerBps: developer_bps,
                dataBps: data_bps,
                validatorBps: validator_bps,
            }
            .into());
        }
        if influence_bps > BPS {
            return Err(ModelMarketInvalidInfluence {
                influenceBps: influence_bps,
            }
            .into());
        }
        check_text(&metadata_uri)?;
        check_text(&base_model)?;
        let owner = self.vm().msg_sender();
        let model_id = self.model_count.get() + U256::from(1);
        self.model_count.set(model_id);
        let mut model = self.models.setter(model_id);
        model.owner.set(owner);
        model.developer_bps.set(U16::from(developer_bps));
        model.data_bps.set(U16::from(data_bps));
        model.validator_bps.set(U16::from(validator_bps));
        model.influence_bps.set(U16::from(influence_bps));
        model.metadata_uri.set_str(&metadata_uri);
        model.base_model.set_str(&base_model);
        drop(model);
        self.emit_fields(
            &[ModelListed::SIGNATURE_HASH, model_id.word(), owner.word()],
            &[
                Field::Word(developer_bps.word()),
                Field::Word(data_bps.word()),
                Field::Word(validator_bps.word()),
                Field::Word(influence_bps.word()),
                Field::Str(&metadata_uri),
                Field::Str(&base_model),
            ],
        );
        self.record_version(
            model_id,
            data_bps,
            artifact_hash,
            &datanet_ids,
            &weights_bps,
            manifest_hash,
        )?;
        Ok(model_id)
    }

    /// Publishes the next version of a model and records its training in
    /// attribution; it becomes current, and fees route by it. Owner only.
    /// Returns the version number.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotOwner`];
    /// [`ModelMarketModelRetired`]; [`ModelMarketZeroHash`];
    /// [`ModelMarketInvalidAttribution`]; [`ModelMarketPeerCallFailed`] if
    /// attribution rejects the record.
    ///
    /// # Events
    /// [`VersionPublished`] (and attribution's events).
    pub fn publish_version(
        &mut self,
        model_id: U256,
        artifact_hash: B256,
        datanet_ids: Vec<U256>,
        weights_bps: Vec<u16>,
        manifest_hash: B256,
    ) -> Result<U256, Error> {
        self.only_owner(model_id)?;
        let model = self.models.get(model_id);
        if model.status.get().to::<u8>() == RETIRED {
            return Err(ModelMarketModelRetired { modelId: model_id }.into());
        }
        let data_bps = model.data_bps.get().to::<u16>();
        drop(model);
        self.record_version(
            model_id,
            data_bps,
            artifact_hash,
            &datanet_ids,
            &weights_bps,
            manifest_hash,
        )
    }

    /// Sets the price of one inference in `token` (the zero address: the
    /// native token); 0 stops accepting it. Owner only.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotOwner`].
    ///
    /// # Events
    /// [`PriceSet`].
    pub fn set_price(&mut self, model_id: U256, token: Address, price: U256) -> Result<(), Error> {
        self.only_owner(model_id)?;
        self.models.setter(model_id).prices.setter(token).set(price);
        self.emit(
            &[PriceSet::SIGNATURE_HASH, model_id.word(), token.word()],
            &[price.word()],
        );
        Ok(())
    }

    /// Sets the model's status: 0 Active, 1 Paused, 2 Retired (final).
    /// Owner only.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotOwner`];
    /// [`ModelMarketInvalidStatus`]; [`ModelMarketModelRetired`].
    ///
    /// # Events
    /// [`StatusSet`].
    pub fn set_status(&mut self, model_id: U256, status: u8) -> Result<(), Error> {
        self.only_owner(model_id)?;
        if status > RETIRED {
            return Err(ModelMarketInvalidStatus { status }.into());
        }
        let mut model = self.models.setter(model_id);
        let previous = model.status.get().to::<u8>();
        if previous == RETIRED {
            return Err(ModelMarketModelRetired { modelId: model_id }.into());
        }
        model.status.set(U8::from(status));
        drop(model);
        self.emit(
            &[StatusSet::SIGNATURE_HASH, model_id.word()],
            &[previous.word(), status.word()],
        );
        Ok(())
    }

    /// Sets the model's metadata URI. Owner only.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotOwner`];
    /// [`ModelMarketInvalidText`].
    ///
    /// # Events
    /// [`MetadataSet`].
    pub fn set_metadata(&mut self, model_id: U256, metadata_uri: String) -> Result<(), Error> {
        self.only_owner(model_id)?;
        check_text(&metadata_uri)?;
        self.models
            .setter(model_id)
            .metadata_uri
            .set_str(&metadata_uri);
        self.emit_fields(
            &[MetadataSet::SIGNATURE_HASH, model_id.word()],
            &[Field::Str(&metadata_uri)],
        );
        Ok(())
    }

    /// Offers the model to `new_owner`, who must accept it; the zero
    /// address withdraws the offer. Owner only.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotOwner`].
    ///
    /// # Events
    /// [`OwnershipTransferStarted`].
    pub fn transfer_ownership(&mut self, model_id: U256, new_owner: Address) -> Result<(), Error> {
        let owner = self.only_owner(model_id)?;
        self.models.setter(model_id).pending_owner.set(new_owner);
        self.emit(
            &[
                OwnershipTransferStarted::SIGNATURE_HASH,
                model_id.word(),
                owner.word(),
                new_owner.word(),
            ],
            &[],
        );
        Ok(())
    }

    /// The pending owner takes the model; the developer share of later
    /// payments goes to it.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotPendingOwner`].
    ///
    /// # Events
    /// [`OwnershipTransferred`].
    pub fn accept_ownership(&mut self, model_id: U256) -> Result<(), Error> {
        let previous = self.owner_of(model_id)?;
        let caller = self.vm().msg_sender();
        let mut model = self.models.setter(model_id);
        if model.pending_owner.get() != caller {
            return Err(ModelMarketNotPendingOwner {
                modelId: model_id,
                account: caller,
            }
            .into());
        }
        model.owner.set(caller);
        model.pending_owner.set(Address::ZERO);
        drop(model);
        self.emit(
            &[
                OwnershipTransferred::SIGNATURE_HASH,
                model_id.word(),
                previous.word(),
                caller.word(),
            ],
            &[],
        );
        Ok(())
    }

    /// Names the model's attestor in attribution (zero: none). Owner only.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketNotOwner`];
    /// [`ModelMarketPeerCallFailed`] if attribution rejects it (an account
    /// outside its attestor set).
    ///
    /// # Events
    /// Attribution's `ModelAttestorSet`.
    pub fn set_model_attestor(&mut self, model_id: U256, attestor: Address) -> Result<(), Error> {
        self.only_owner(model_id)?;
        let attribution = self.attribution.get();
        let calldata = abi_kit::selector_and_words(
            IAttribution::setModelAttestorCall::SELECTOR,
            &[model_id.word(), attestor.word()],
        );
        self.call_peer(attribution, U256::ZERO, &calldata)
    }

    // ----- payments -----

    /// Pays for one inference of the model's current version in `token`
    /// (the zero address: native, sent as the exact value), at most
    /// `max_price`. The fee routes through the splitter.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`]; [`ModelMarketModelNotActive`];
    /// [`ModelMarketTokenNotAccepted`]; [`ModelMarketPriceAboveMax`];
    /// [`ModelMarketWrongValue`]; [`SafeErc20FailedOperation`];
    /// [`ModelMarketTransferMismatch`]; [`ModelMarketPeerCallFailed`] if
    /// the splitter rejects the fee (a token it does not allow).
    ///
    /// # Events
    /// [`InferencePaid`] (and the splitter's events).
    #[payable]
    pub fn pay(
        &mut self,
        model_id: U256,
        token: Address,
        max_price: U256,
        request_id: B256,
    ) -> Result<(), Error> {
        self.pay_for(model_id, token, U256::from(1), max_price, request_id)
    }

    /// Pays for `count` inferences (1 to [`MAX_BATCH`]) at a unit price of
    /// at most `max_unit_price`, like [`Self::pay`].
    ///
    /// # Errors
    /// Those of [`Self::pay`]; [`ModelMarketInvalidCount`];
    /// [`ModelMarketAmountOverflow`].
    ///
    /// # Events
    /// [`InferencePaid`] (and the splitter's events).
    #[payable]
    pub fn pay_batch(
        &mut self,
        model_id: U256,
        token: Address,
        count: U256,
        max_unit_price: U256,
        request_id: B256,
    ) -> Result<(), Error> {
        if count.is_zero() || count > U256::from(MAX_BATCH) {
            return Err(ModelMarketInvalidCount {
                count,
                maxCount: U256::from(MAX_BATCH),
            }
            .into());
        }
        self.pay_for(model_id, token, count, max_unit_price, request_id)
    }

    // ----- views -----

    /// `(splitter, attribution)`.
    pub fn config(&self) -> (Address, Address) {
        (self.splitter.get(), self.attribution.get())
    }

    /// Number of models listed (the last model id).
    pub fn model_count(&self) -> U256 {
        self.model_count.get()
    }

    /// A model's owner, pending owner, status, current version, developer,
    /// data and validator bps, influence bps and current artifact hash.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`].
    #[allow(clippy::type_complexity)]
    pub fn model(
        &self,
        model_id: U256,
    ) -> Result<(Address, Address, u8, U256, u16, u16, u16, u16, B256), Error> {
        self.owner_of(model_id)?;
        let model = self.models.get(model_id);
        let version = model.version.get();
        Ok((
            model.owner.get(),
            model.pending_owner.get(),
            model.status.get().to::<u8>(),
            version,
            model.developer_bps.get().to::<u16>(),
            model.data_bps.get().to::<u16>(),
            model.validator_bps.get().to::<u16>(),
            model.influence_bps.get().to::<u16>(),
            model.versions.get(version).artifact_hash.get(),
        ))
    }

    /// A model's metadata URI and base model name.
    ///
    /// # Errors
    /// [`ModelMarketUnknownModel`].
    pub fn metadata(&self, model_id: U256) -> Result<(String, String), Error> {
        self.owner_of(model_id)?;
        let model = self.models.get(model_id);
        Ok((
            model.metadata_uri.get_string(),
            model.base_model.get_string(),
        ))
    }

    /// `(artifactHash, manifestHash)` of a version of a model.
    ///
    /// # Errors
    /// [`ModelMarketUnknownVersion`].
    pub fn version_info(&self, model_id: U256, version: U256) -> Result<(B256, B256), Error> {
        let model = self.models.get(model_id);
        let record = model.versions.get(version);
        let artifact = record.artifact_hash.get();
        if artifact.is_zero() {
            return Err(ModelMarketUnknownVersion {
                modelId: model_id,
                version,
            }
            .into());
        }
        Ok((artifact, record.manifest_hash.get()))
    }

    /// The price of one inference of a model in `token` (0: not accepted).
    pub fn price(&self, model_id: U256, token: Address) -> U256 {
        self.models.get(model_id).prices.get(token)
    }
}

impl ModelMarket {
    /// Emits a log of `topics` (the event's signature hash, then its
    /// indexed fields) and static `data` words.
    fn emit(&self, topics: &[B256], data: &[B256]) {
        let mut bytes = abi_kit::words(topics);
        bytes.extend_from_slice(&abi_kit::words(data));
        self.vm().emit_log(&bytes, topics.len());
    }

    /// Emits a log of `topics` and `fields`, which may hold strings.
    fn emit_fields(&self, topics: &[B256], fields: &[Field<'_>]) {
        let bytes = abi_kit::log_bytes(topics, fields);
        self.vm().emit_log(&bytes, topics.len());
    }

    /// The model's owner, or [`ModelMarketUnknownModel`].
    fn owner_of(&self, model_id: U256) -> Result<Address, Error> {
        let owner = self.models.get(model_id).owner.get();
        if owner.is_zero() {
            return Err(ModelMarketUnknownModel { modelId: model_id }.into());
        }
        Ok(owner)
    }

    /// The owner, if the caller is the model's owner.
    fn only_owner(&self, model_id: U256) -> Result<Address, Error> {
        let owner = self.owner_of(model_id)?;
        let caller = self.vm().msg_sender();
        if caller != owner {
            return Err(ModelMarketNotOwner {
                modelId: model_id,
                account: caller,
            }
            .into());
        }
        Ok(owner)
    }

    /// Calls `peer` with `value` and `calldata`.
    fn call_peer(&mut self, peer: Address, value: U256, calldata: &[u8]) -> Result<(), Error> {
        self.vm()
            .call(&Call::new().value(value), peer, calldata)
            .map_err(|_| ModelMarketPeerCallFailed { peer })?;
        Ok(())
    }

    /// Writes the model's next version, makes it current, and records its
    /// training in attribution. Returns the version number.
    fn record_version(
        &mut self,
        model_id: U256,
        data_bps: u16,
        artifact_hash: B256,
        datanet_ids: &[U256],
        weights_bps: &[u16],
        manifest_hash: B256,
    ) -> Result<U256, Error> {
        if artifact_hash.is_zero() || manifest_hash.is_zero() {
            return Err(ModelMarketZeroHash {}.into());
        }
        if datanet_ids.len() != weights_bps.len()
            || datanet_ids.is_empty()
            || datanet_ids.len() > MAX_DATANETS
        {
            return Err(ModelMarketInvalidAttribution {
                datanets: U256::from(datanet_ids.len()),
                weights: U256::from(weights_bps.len()),
            }
            .into());
        }
        let mut model = self.models.setter(model_id);
        let version = model.version.get() + U256::from(1);
        model.version.set(version);
        let mut record = model.versions.setter(version);
        record.artifact_hash.set(artifact_hash);
        record.manifest_hash.set(manifest_hash);
        drop(record);
        model.datanet_ids.erase();
        model.weights_bps.erase();
        for (&datanet_id, &weight) in datanet_ids.iter().zip(weights_bps) {
            model.datanet_ids.push(datanet_id);
            model.weights_bps.push(U16::from(weight));
        }
        drop(model);
        self.emit(
            &[
                VersionPublished::SIGNATURE_HASH,
                model_id.word(),
                version.word(),
            ],
            &[artifact_hash, manifest_hash],
        );
        let calldata = encode_call(
            IAttribution::recordTrainingCall::SELECTOR,
            &[
                Arg::Word(model_id.word()),
                Arg::Word(version.word()),
                Arg::Ids(datanet_ids),
                Arg::Weights(weights_bps),
                Arg::Word(manifest_hash),
                Arg::Word(data_bps.word()),
            ],
        );
        let attribution = self.attribution.get();
        self.call_peer(attribution, U256::ZERO, &calldata)?;
        Ok(version)
    }

    /// Takes `count` times the price of one inference in `token` from the
    /// caller and routes it through the splitter.
    fn pay_for(
        &mut self,
        model_id: U256,
        token: Address,
        count: U256,
        max_unit_price: U256,
        request_id: B256,
    ) -> Result<(), Error> {
        // Checks.
        self.owner_of(model_id)?;
        let model = self.models.get(model_id);
        let status = model.status.get().to::<u8>();
        if status != ACTIVE {
            return Err(ModelMarketModelNotActive {
                modelId: model_id,
                status,
            }
            .into());
        }
        let price = model.prices.get(token);
        if price.is_zero() {
            return Err(ModelMarketTokenNotAccepted {
                modelId: model_id,
                token,
            }
            .into());
        }
        if price > max_unit_price {
            return Err(ModelMarketPriceAboveMax {
                price,
                maxPrice: max_unit_price,
            }
            .into());
        }
        let amount = price.checked_mul(count).ok_or(ModelMarketAmountOverflow {
            count,
            unitPrice: price,
        })?;
        let value = self.vm().msg_value();
        let expected = if token.is_zero() { amount } else { U256::ZERO };
        if value != expected {
            return Err(ModelMarketWrongValue {
                expected,
                received: value,
            }
            .into());
        }
        let version = model.version.get();
        let developer = model.owner.get();
        let split = [
            model.developer_bps.get().to::<u16>(),
            model.data_bps.get().to::<u16>(),
            model.validator_bps.get().to::<u16>(),
            model.influence_bps.get().to::<u16>(),
        ];
        let count_datanets = model.datanet_ids.len();
        let mut datanet_ids = Vec::with_capacity(count_datanets);
        let mut weights_bps = Vec::with_capacity(count_datanets);
        for index in 0..count_datanets {
            datanet_ids.push(model.datanet_ids.get(index).unwrap_or_default());
            weights_bps.push(
                model
                    .weights_bps
                    .get(index)
                    .map(|w| w.to::<u16>())
                    .unwrap_or_default(),
            );
        }
        drop(model);

        // Effects: the market keeps no payment state; the event.
        let payer = self.vm().msg_sender();
        self.emit(
            &[
                InferencePaid::SIGNATURE_HASH,
                model_id.word(),
                payer.word(),
                token.word(),
            ],
            &[version.word(), count.word(), amount.word(), request_id],
        );

        // Interactions.
        let splitter = self.splitter.get();
        if !token.is_zero() {
            let before = self.token_balance(token, splitter)?;
            if !erc20::safe_transfer_from(self.vm(), token, payer, splitter, amount) {
                return Err(SafeErc20FailedOperation { token }.into());
            }
            let received = self.token_balance(token, splitter)?.saturating_sub(before);
            if received != amount {
                return Err(ModelMarketTransferMismatch {
                    expected: amount,
                    received,
                }
                .into());
            }
        }
        let calldata = encode_call(
            IRewardSplitter::routeCall::SELECTOR,
            &[
                Arg::Word(model_id.word()),
                Arg::Word(token.word()),
                Arg::Word(amount.word()),
                Arg::Word(developer.word()),
                Arg::Word(split[0].word()),
                Arg::Word(split[1].word()),
                Arg::Word(split[2].word()),
                Arg::Word(split[3].word()),
                Arg::Ids(&datanet_ids),
                Arg::Weights(&weights_bps),
            ],
        );
        self.call_peer(splitter, value, &calldata)
    }

    /// `account`'s balance of `token`.
    fn token_balance(&self, token: Address, account: Address) -> Result<U256, Error> {
        erc20::balance_of(self.vm(), token, account)
            .ok_or_else(|| ModelMarketPeerCallFailed { peer: token }.into())
    }
}

/// [`ModelMarketInvalidText`] unless `text` is 1 to [`MAX_TEXT_LEN`]
/// bytes.
fn check_text(text: &str) -> Result<(), Error> {
    if text.is_empty() || text.len() > MAX_TEXT_LEN {
        return Err(ModelMarketInvalidText {
            length: U256::from(text.len()),
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    // Links motsu's host functions, which the storage types reference.
    use motsu as _;

    use super::*;

    #[test]
    fn error_encoder_matches_alloy_for_every_error() {
        abi_kit::testing::check_error_encoder(every_error(), 21);
    }
}
