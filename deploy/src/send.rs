//! Sending user actions (without `--dry-run`): views are `eth_call`ed and
//! their return values decoded; transactions are first simulated
//! (`eth_call`, so that a revert is reported with the program's error and
//! nothing is spent), then signed, sent and their receipts checked.
//!
//! Keys: `--keystore FILE` (password from `$DEPLOY_KEYSTORE_PASSWORD`) or
//! `$DEPLOY_PRIVATE_KEY`. Neither is ever printed.

use alloy::{
    network::TransactionBuilder,
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
    sol_types::SolCall,
    transports::TransportError,
};
use anyhow::{bail, ensure, Context, Result};

use crate::{
    actions::{decode_call, decode_revert, Call, Program, Target},
    bindings::{
        datanet_registry::DatanetRegistry, model_market::ModelMarket,
        reward_splitter::RewardSplitter,
    },
    cli::Common,
};

/// Environment variable holding the keystore password.
pub const KEYSTORE_PASSWORD_ENV: &str = "DEPLOY_KEYSTORE_PASSWORD";
/// Environment variable holding a hex private key.
pub const PRIVATE_KEY_ENV: &str = "DEPLOY_PRIVATE_KEY";

/// Sends the calls (or `eth_call`s the views), in order; stops at the
/// first failure.
pub fn run(common: &Common, target: &Target, calls: &[Call]) -> Result<()> {
    let url = common
        .rpc_url
        .clone()
        .or_else(|| target.rpc_url.clone())
        .context("no RPC endpoint: pass --rpc-url or set rpcUrl in the config")?;
    let url: alloy::transports::http::reqwest::Url =
        url.parse().with_context(|| format!("bad RPC URL {url}"))?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let needs_key = calls.iter().any(|c| !c.view);
        if !needs_key {
            let provider = ProviderBuilder::new().connect_http(url);
            check_chain(&provider, target).await?;
            for call in calls {
                view(&provider, call).await?;
            }
            return Ok(());
        }
        let signer = signer(common)?;
        let from = signer.address();
        let provider = ProviderBuilder::new().wallet(signer).connect_http(url);
        check_chain(&provider, target).await?;
        println!("sender {from}");
        for call in calls {
            if call.view {
                view(&provider, call).await?;
            } else {
                send(&provider, from, call).await?;
            }
        }
        Ok(())
    })
}

fn signer(common: &Common) -> Result<PrivateKeySigner> {
    if let Some(path) = &common.keystore {
        let password = std::env::var(KEYSTORE_PASSWORD_ENV).with_context(|| {
            format!("--keystore needs the password in ${KEYSTORE_PASSWORD_ENV}")
        })?;
        return PrivateKeySigner::decrypt_keystore(path, password)
            .with_context(|| format!("decrypting keystore {}", path.display()));
    }
    let key = std::env::var(PRIVATE_KEY_ENV)
        .with_context(|| format!("no key: pass --keystore FILE or set ${PRIVATE_KEY_ENV}"))?;
    // The error of a bad key never includes the key.
    key.trim()
        .parse::<PrivateKeySigner>()
        .map_err(|_| anyhow::anyhow!("${PRIVATE_KEY_ENV} is not a valid hex private key"))
}

async fn check_chain<P: Provider>(provider: &P, target: &Target) -> Result<()> {
    let id = provider.get_chain_id().await.context("eth_chainId")?;
    ensure!(
        id == target.chain_id,
        "the RPC endpoint is chain {id}, the config/deployment file is for chain {}",
        target.chain_id
    );
    Ok(())
}

fn request(call: &Call) -> TransactionRequest {
    TransactionRequest::default()
        .with_to(call.to)
        .with_value(call.value)
        .with_input(call.data.clone())
}

/// A failed `eth_call`/send as a message naming the program's error.
fn explain(call: &Call, err: TransportError) -> anyhow::Error {
    let what = decode_call(call.program, &call.data).unwrap_or_default();
    match err.as_error_resp().and_then(|p| p.as_revert_data()) {
        Some(data) => anyhow::anyhow!(
            "{} reverted: {}\n  call: {what}",
            call.program.lib(),
            decode_revert(call.program, &data)
        ),
        None => anyhow::Error::new(err).context(format!("{}: {what}", call.program.lib())),
    }
}

async fn view<P: Provider>(provider: &P, call: &Call) -> Result<()> {
    let ret = provider
        .call(request(call))
        .await
        .map_err(|e| explain(call, e))?;
    println!(
        "{}\n  => {}",
        decode_call(call.program, &call.data)?,
        decode_return(call.program, &call.data, &ret)
    );
    Ok(())
}

async fn send<P: Provider>(
    provider: &P,
    from: alloy::primitives::Address,
    call: &Call,
) -> Result<()> {
    for n in &call.notes {
        println!("{n}");
    }
    let tx = request(call).with_from(from);
    // Simulate first: a revert is reported with its decoded error and
    // nothing is spent.
    provider
        .call(tx.clone())
        .await
        .map_err(|e| explain(call, e))?;
    let pending = provider
        .send_transaction(tx)
        .await
        .map_err(|e| explain(call, e))?;
    let hash = *pending.tx_hash();
    println!(
        "sent {hash}: {}",
        decode_call(call.program, &call.data).unwrap_or_default()
    );
    let receipt = pending
        .get_receipt()
        .await
        .with_context(|| format!("waiting for the receipt of {hash}"))?;
    if !receipt.status() {
        bail!(
            "transaction {hash} reverted in block {:?} (the simulation had passed; state changed in between)",
            receipt.block_number
        );
    }
    println!(
        "  included in block {:?}, gas used {}",
        receipt.block_number, receipt.gas_used
    );
    Ok(())
}

/// The return data of a view, decoded through the bindings.
pub fn decode_return(program: Program, calldata: &[u8], ret: &[u8]) -> String {
    let sel: [u8; 4] = match calldata.get(..4).and_then(|s| s.try_into().ok()) {
        Some(s) => s,
        None => return format!("0x{}", hex::encode(ret)),
    };
    let decoded = match (program, sel) {
        (Program::Registry, DatanetRegistry::datanetCall::SELECTOR) => {
            DatanetRegistry::datanetCall::abi_decode_returns(ret).map(|r| format!("{r:?}"))
        }
        (Program::Registry, DatanetRegistry::contributionCall::SELECTOR) => {
            DatanetRegistry::contributionCall::abi_decode_returns(ret).map(|r| format!("{r:?}"))
        }
        (Program::Market, ModelMarket::modelCall::SELECTOR) => {
            ModelMarket::modelCall::abi_decode_returns(ret).map(|r| format!("{r:?}"))
        }
        (Program::Market, ModelMarket::metadataCall::SELECTOR) => {
            ModelMarket::metadataCall::abi_decode_returns(ret).map(|r| format!("{r:?}"))
        }
        (Program::Splitter, RewardSplitter::claimableCall::SELECTOR) => {
            RewardSplitter::claimableCall::abi_decode_returns(ret).map(|r| format!("{r:?}"))
        }
        _ => return format!("0x{}", hex::encode(ret)),
    };
    decoded.unwrap_or_else(|e| format!("undecodable ({e}): 0x{}", hex::encode(ret)))
}
