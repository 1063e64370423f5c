// The YAML example's campaigns in TypeScript, on the generated SDK (`make sdk-nodejs`).
// It type-checks against @pulumi/pulumi; running it needs the Node language host
// (pulumi-language-nodejs), which this project cannot build here (see docs/native-provider.md).
import * as pulumi from "@pulumi/pulumi";
import * as ocamba from "@ocamba/pulumi-ocamba";

// The whole run's declarations, handed to the provider: one bulk read in preview and a
// blast-radius guard that counts the run before anything is sent (each resource below must
// agree with its entry, or its check fails naming the campaign).
const declaredCampaigns: Record<string, string> = {
    "1000248": "active",
    "1000251": "active",
    "1000260": "paused",
};
const provider = new ocamba.Provider("ocamba", { declaredCampaigns });
const opts: pulumi.CustomResourceOptions = { provider };

const springSale = new ocamba.CampaignRunState("spring-sale", {
    campaignId: "1000248",
    state: "active",
    runImmediately: true,
}, opts);

new ocamba.CampaignRunState("newsletter", {
    campaignId: "1000251",
    state: "active",
    scheduledTime: "2027-06-01T10:00:00+02:00",
}, opts);

new ocamba.CampaignRunState("black-friday", {
    campaignId: "1000260",
    state: "paused",
    pauseReason: "budget review",
}, opts);

export const springSaleStatus: pulumi.Output<string> = springSale.status;
export const springSaleLastAction: pulumi.Output<string> = springSale.lastAction;
